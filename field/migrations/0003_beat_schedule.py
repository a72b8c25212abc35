from django.conf import settings
from django.db import migrations
from django.utils import timezone


def schedule_folder_sweep(apps, schema_editor):
    """Tomorrow's field folders, daily before the page-out (FIELD_FOLDERS_RENDER_AT, company time)."""
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")
    hour, minute = (int(part) for part in settings.FIELD_FOLDERS_RENDER_AT.split(":"))
    crontab, _ = CrontabSchedule.objects.get_or_create(
        minute=str(minute), hour=str(hour), day_of_week="*", day_of_month="*", month_of_year="*",
        timezone=settings.TIME_ZONE,
    )
    PeriodicTask.objects.update_or_create(
        name="Tomorrow's job folders",
        defaults={"task": "field.tasks.job_folder_render_for_day_task", "crontab": crontab, "interval": None},
    )
    PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


class Migration(migrations.Migration):
    dependencies = [
        ("field", "0002_role_groups"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(schedule_folder_sweep, migrations.RunPython.noop)]
