"""The starting list of required paperwork, written once: the office edits it in admin afterwards, and a
row deleted there stays deleted (so it is data here, not a receiver run on every migrate)."""

from django.db import migrations

# What an install needs in its folder before it is ready.
DEFAULTS = [
    ("install", "contract", "always"),
    ("install", "permit", "always"),
    ("install", "title24", "title24"),
    ("install", "finance", "financed"),
]


def add_defaults(apps, schema_editor):
    RequiredPaperwork = apps.get_model("jobs", "RequiredPaperwork")
    for job_kind, category, condition in DEFAULTS:
        RequiredPaperwork.objects.get_or_create(job_kind=job_kind, category=category, defaults={"condition": condition})


class Migration(migrations.Migration):
    dependencies = [("jobs", "0001_initial")]

    operations = [migrations.RunPython(add_defaults, migrations.RunPython.noop)]
