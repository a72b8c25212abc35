from django.db import migrations


def seed_templates(apps, schema_editor):
    from notifications.defaults import DEFAULT_TEMPLATES

    MessageTemplate = apps.get_model("notifications", "MessageTemplate")
    for (kind, channel), (subject, body) in DEFAULT_TEMPLATES.items():
        MessageTemplate.objects.get_or_create(kind=kind, channel=channel, defaults={"subject": subject, "body": body})


class Migration(migrations.Migration):
    dependencies = [("notifications", "0001_initial")]

    operations = [migrations.RunPython(seed_templates, migrations.RunPython.noop)]
