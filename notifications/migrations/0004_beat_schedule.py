from django.db import migrations

from notifications.schedule import sync_beat_schedule


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0003_role_groups"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(sync_beat_schedule, migrations.RunPython.noop)]
