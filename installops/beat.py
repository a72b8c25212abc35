"""Beat's periodic tasks in its database schedule: the daily ones at company times, the relays by interval.

`settings.BEAT_DAILY_TASKS` lists the daily tasks (name → task, and the setting that holds its "HH:MM").
Crontabs carry the company's zone, so "10:00" stays 10:00 local across daylight-saving changes.
`settings.BEAT_INTERVAL_TASKS` lists the relays (name → task, seconds between runs). Written only by
`manage.py sync_beat_schedule` (idempotent; run it after migrate and after changing one of the times);
the entries can then be paused in admin.
"""

from django.conf import settings
from django_celery_beat.models import CrontabSchedule, IntervalSchedule, PeriodicTask

from installops.health.heartbeat import heartbeat_schedule_sync


def sync_beat_schedule() -> list[str]:
    """Create or update one periodic task per daily and interval task in settings. Returns a line per task."""
    lines = []
    for name, (task, setting) in settings.BEAT_DAILY_TASKS.items():
        hour, minute = (int(part) for part in getattr(settings, setting).split(":"))
        crontab, _ = CrontabSchedule.objects.get_or_create(
            minute=str(minute),
            hour=str(hour),
            day_of_week="*",
            day_of_month="*",
            month_of_year="*",
            timezone=settings.TIME_ZONE,
        )
        # Saving through the models tells a running beat to reload its schedule.
        PeriodicTask.objects.update_or_create(
            name=name, defaults={"task": task, "crontab": crontab, "interval": None, "one_off": False}
        )
        lines.append(f"{name}: {task} daily at {hour:02d}:{minute:02d} {settings.TIME_ZONE}")
    for name, (task, seconds) in settings.BEAT_INTERVAL_TASKS.items():
        interval, _ = IntervalSchedule.objects.get_or_create(every=seconds, period=IntervalSchedule.SECONDS)
        PeriodicTask.objects.update_or_create(
            name=name, defaults={"task": task, "interval": interval, "crontab": None, "one_off": False}
        )
        lines.append(f"{name}: {task} every {seconds} s")
    # Every minute, not daily: the workers' heartbeats (installops/health).
    lines += heartbeat_schedule_sync()
    return lines
