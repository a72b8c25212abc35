"""The daily tasks in celery beat's database schedule: from settings, in the company zone, DST-proof."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django_celery_beat.models import PeriodicTask

pytestmark = pytest.mark.django_db
PACIFIC = ZoneInfo("America/Los_Angeles")
UTC = ZoneInfo("UTC")


def test_the_command_puts_every_daily_task_in_the_schedule(settings):
    call_command("sync_beat_schedule")
    # The daily ones (the every-minute heartbeats are tested in tests/test_health_checks.py).
    tasks = {task.name: task for task in PeriodicTask.objects.filter(crontab__isnull=False).select_related("crontab")}
    assert set(tasks) == set(settings.BEAT_DAILY_TASKS)
    for name, (task_path, _) in settings.BEAT_DAILY_TASKS.items():
        assert tasks[name].task == task_path
        assert tasks[name].enabled
        assert str(tasks[name].crontab.timezone) == "America/Los_Angeles"
    confirmations = tasks["Day-before confirmations"].crontab
    hour, minute = settings.NOTIFICATIONS_CONFIRMATIONS_AT.split(":")
    assert (confirmations.hour, confirmations.minute) == (str(int(hour)), str(int(minute)))


def test_the_command_follows_the_settings_and_is_idempotent(settings, capsys):
    settings.NOTIFICATIONS_PAGE_OUT_AT = "18:30"
    call_command("sync_beat_schedule")
    call_command("sync_beat_schedule")
    page_out = PeriodicTask.objects.select_related("crontab").get(name="Evening page-out")
    assert (page_out.crontab.hour, page_out.crontab.minute) == ("18", "30")
    assert PeriodicTask.objects.filter(task__startswith="notifications.", crontab__isnull=False).count() == 5
    assert "18:30 America/Los_Angeles" in capsys.readouterr().out


def schedule_at(now_utc: datetime):
    schedule = PeriodicTask.objects.get(name="Day-before confirmations").crontab.schedule
    schedule.nowfun = lambda: now_utc.astimezone(schedule.tz)
    return schedule


@pytest.mark.parametrize(
    ("last_run_local", "next_run_local", "hours_between"),
    [
        # Spring forward (Sunday, March 8, 2026): that day is 23 hours long.
        (datetime(2026, 3, 7, 10, 0, tzinfo=PACIFIC), datetime(2026, 3, 8, 10, 0, tzinfo=PACIFIC), 23),
        # Fall back (Sunday, November 1, 2026): that day is 25 hours long.
        (datetime(2026, 10, 31, 10, 0, tzinfo=PACIFIC), datetime(2026, 11, 1, 10, 0, tzinfo=PACIFIC), 25),
    ],
)
def test_the_sweep_runs_at_ten_local_time_on_both_sides_of_a_dst_change(
    settings, last_run_local, next_run_local, hours_between
):
    settings.NOTIFICATIONS_CONFIRMATIONS_AT = "10:00"
    call_command("sync_beat_schedule")
    last_run = last_run_local.astimezone(UTC)
    next_run = next_run_local.astimezone(UTC)
    assert next_run - last_run == timedelta(hours=hours_between)

    due_a_minute_early, _ = schedule_at(next_run - timedelta(minutes=1)).is_due(last_run)
    due_on_time, _ = schedule_at(next_run).is_due(last_run)
    # A schedule kept in UTC would fire an hour off (9:00 or 11:00 local) after the change.
    due_an_hour_early, _ = schedule_at(next_run - timedelta(hours=1)).is_due(last_run)

    assert (due_a_minute_early, due_on_time, due_an_hour_early) == (False, True, False)


def test_the_relays_run_every_minute_and_are_written_once(settings, capsys):
    call_command("sync_beat_schedule")
    call_command("sync_beat_schedule")
    # The relays; the workers' heartbeats are interval tasks too (tests/test_health_checks.py).
    relays = PeriodicTask.objects.select_related("interval").filter(name__in=settings.BEAT_INTERVAL_TASKS)
    assert {(task.name, task.task) for task in relays} == {
        (name, task) for name, (task, _) in settings.BEAT_INTERVAL_TASKS.items()
    }
    assert all(task.interval.every == 60 and task.interval.period == "seconds" and task.enabled for task in relays)
    assert "Message relay: notifications.tasks.messages_relay_task every 60 s" in capsys.readouterr().out
