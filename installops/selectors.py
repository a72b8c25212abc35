from django.db.models import QuerySet

from .models import DailyTaskRun


def daily_task_last_runs() -> QuerySet[DailyTaskRun]:
    """The latest finished run of each daily task (one query): task, day, finished_at, result."""
    return DailyTaskRun.objects.filter(finished_at__isnull=False).order_by("task", "-day").distinct("task")
