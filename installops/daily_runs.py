"""Daily beat tasks that beat could not publish still run the same company day.

Beat fires a daily task once, at its company time; a broker that is down at that minute loses that
day's run. So each daily task records, for its company day, when it started and finished
(`records_daily_run`), and a catch-up every minute (beat) queues every enabled daily task whose time has
passed today and that has no finished run for today (nor one under way). Only today: a sweep missed
yesterday is not run today, its day is gone.
"""

import functools
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from celery import Task, current_app
from django.conf import settings
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from .clock import at_company_time, company_now
from .models import DailyTaskRun
from .queueing import publish_or_defer


def records_daily_run(run: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap a daily task: a run without arguments (beat's or the catch-up's) records its company day.

    The day is the one the run started on. `started_at` is written first, `finished_at` only when the run
    returns, so a run that raised or whose worker died is caught up once the lease is over. Idempotent: a
    second run updates the same row.
    """
    task_name = f"{run.__module__}.{run.__name__}"

    @functools.wraps(run)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        scheduled = not args and not any(kwargs.values())
        day = company_now().date()
        if scheduled:
            # Beat's own run holds off the catch-up for the lease while it works.
            DailyTaskRun.objects.update_or_create(task=task_name, day=day, defaults={"started_at": timezone.now()})
        result = run(*args, **kwargs)
        if scheduled:
            DailyTaskRun.objects.update_or_create(
                task=task_name, day=day, defaults={"finished_at": timezone.now(), "result": str(result)[:200]}
            )
        return result

    return wrapper


def daily_tasks_due() -> list[str]:
    """The daily tasks to queue now (task names), in the settings' order. Two queries whatever the count."""
    now = company_now()
    today = now.date()
    waited = timedelta(seconds=settings.DAILY_TASK_CATCH_UP_AFTER_SECONDS)
    passed = [
        task
        for task, setting in settings.BEAT_DAILY_TASKS.values()
        if now >= at_company_time(today, getattr(settings, setting)) + waited
    ]
    if not passed:
        return []
    # A task paused in admin (or never written into beat's schedule) is not beat's to run, nor ours.
    enabled = set(
        PeriodicTask.objects.filter(task__in=passed, enabled=True, crontab__isnull=False).values_list("task", flat=True)
    )
    after = settings.DAILY_TASK_RUNS_AFTER
    wanted = set(passed) | {after[task] for task in passed if task in after}
    runs = {run.task: run for run in DailyTaskRun.objects.filter(day=today, task__in=wanted)}
    finished = {task for task, run in runs.items() if run.finished_at}
    lease_start = timezone.now() - timedelta(seconds=settings.DAILY_TASK_CATCH_UP_LEASE_SECONDS)

    def needs_queueing(task: str) -> bool:
        run = runs.get(task)
        if run is None:
            return True
        taken = max((moment for moment in (run.queued_at, run.started_at) if moment), default=None)
        return not run.finished_at and (taken is None or taken < lease_start)

    return [
        task
        for task in passed
        if task in enabled and needs_queueing(task) and (task not in after or after[task] in finished)
    ]


def _task(name: str) -> Task:
    """The registered task; a process that has not imported every app's tasks yet (not a worker) does now."""
    if name not in current_app.tasks:
        current_app.loader.import_default_modules()
    return current_app.tasks[name]


def daily_tasks_catch_up() -> list[str]:
    """Queue today's missed daily tasks through the outbox's publish; mark the ones the broker took."""
    today = company_now().date()
    queued = [
        task for task in daily_tasks_due() if publish_or_defer(_task(task).delay, what=f"daily task {task} for {today}")
    ]
    if queued:
        now = timezone.now()
        DailyTaskRun.objects.bulk_create(
            [DailyTaskRun(task=task, day=today, queued_at=now) for task in queued],
            update_conflicts=True,
            unique_fields=["task", "day"],
            update_fields=["queued_at"],
        )
    return queued
