"""The daily sweeps in celery beat's database schedule, at the times set in settings.

Crontabs carry the company's zone, so "10:00" stays 10:00 local across daylight-saving changes.
Written by a migration and by `manage.py sync_beat_schedule` (idempotent; run it after changing
the NOTIFICATIONS_*_AT / _BY settings). The entries can then be paused or edited in admin.
"""

from django.apps import apps as django_apps
from django.conf import settings
from django.utils import timezone

DAILY_SWEEPS = [
    ("Day-before confirmations", "notifications.tasks.confirmation_sweep_task", "NOTIFICATIONS_CONFIRMATIONS_AT"),
    ("Evening page-out", "notifications.tasks.page_out_sweep_task", "NOTIFICATIONS_PAGE_OUT_AT"),
    ("Unacknowledged page escalation", "notifications.tasks.page_escalation_sweep_task", "NOTIFICATIONS_PAGE_ACK_BY"),
]


def sync_beat_schedule(apps=django_apps, schema_editor=None) -> list[str]:
    """Create or update one periodic task per daily sweep. Returns a line per task."""
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")
    lines = []
    for name, task, setting in DAILY_SWEEPS:
        hour, minute = (int(part) for part in getattr(settings, setting).split(":"))
        crontab, _ = CrontabSchedule.objects.get_or_create(
            minute=str(minute),
            hour=str(hour),
            day_of_week="*",
            day_of_month="*",
            month_of_year="*",
            timezone=settings.TIME_ZONE,
        )
        PeriodicTask.objects.update_or_create(
            name=name, defaults={"task": task, "crontab": crontab, "interval": None, "one_off": False}
        )
        lines.append(f"{name}: {task} daily at {hour:02d}:{minute:02d} {settings.TIME_ZONE}")
    # Tell a running beat to reload (model signals do not fire for a migration's historical models).
    PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})
    return lines
