"""The project's own tasks (each app keeps its tasks in its own module)."""

from celery import shared_task

from installops.health.heartbeat import heartbeat_record

from .daily_runs import daily_tasks_catch_up


@shared_task(ignore_result=True)
def worker_heartbeat_task(queue: str) -> None:
    """Runs every minute on each watched queue: proves a worker of that queue takes tasks (idempotent)."""
    heartbeat_record(queue=queue)


@shared_task
def daily_tasks_catch_up_task() -> str:
    """Every minute (beat): queue today's daily tasks that beat could not publish at their time."""
    queued = daily_tasks_catch_up()
    return f"caught up: {', '.join(queued)}" if queued else "nothing missed"
