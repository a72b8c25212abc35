from django.db import migrations

# Written out: a migration does not import app code (jobs.choices.OFFICE_ONLY_CATEGORIES at this point).
PRICED_CATEGORIES = ["contract", "rebate"]


def withdraw_field_folders_with_prices(apps, schema_editor):
    """Field-folder PDFs printed while contracts and rebate forms were still in the field folder may
    carry prices: they are withdrawn (no longer downloadable, nor the page-out's latest folder) and
    the job page offers to print them again, without those files."""
    JobFolderRender = apps.get_model("field", "JobFolderRender")
    Document = apps.get_model("jobs", "Document")
    jobs = Document.objects.filter(category__in=PRICED_CATEGORIES).values("job_id")
    JobFolderRender.objects.filter(audience="field", job_id__in=jobs).exclude(status="failed").update(
        status="failed",
        error="Withdrawn: printed while contracts and rebate forms were still in the field folder. Print it again.",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("field", "0002_inspection_request_one_open_per_kind"),
        ("jobs", "0003_office_only_categories_and_price_permission"),
    ]

    operations = [
        migrations.RunPython(withdraw_field_folders_with_prices, migrations.RunPython.noop),
    ]
