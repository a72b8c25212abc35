from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.db.models import QuerySet

from .models import DailyTaskRun


def daily_task_last_runs() -> QuerySet[DailyTaskRun]:
    """The latest finished run of each daily task (one query): task, day, finished_at, result."""
    return DailyTaskRun.objects.filter(finished_at__isnull=False).order_by("task", "-day").distinct("task")


@dataclass(frozen=True)
class DailyTaskLastRun:
    name: str  # as beat's schedule names it
    day: date | None
    finished_at: datetime | None
    result: str


def daily_task_status() -> list[DailyTaskLastRun]:
    """Each daily task of the schedule with its latest finished run, if any (one query), for the status page."""
    runs = {run.task: run for run in daily_task_last_runs()}
    rows = []
    for name, (task, _) in settings.BEAT_DAILY_TASKS.items():
        run = runs.get(task)
        rows.append(
            DailyTaskLastRun(
                name=name,
                day=run.day if run else None,
                finished_at=run.finished_at if run else None,
                result=run.result if run else "",
            )
        )
    return rows
