"""The project's own tasks (each app keeps its tasks in its own module)."""

from celery import shared_task

from installops.health.heartbeat import heartbeat_record


@shared_task(ignore_result=True)
def worker_heartbeat_task(queue: str) -> None:
    """Runs every minute on each watched queue: proves a worker of that queue takes tasks (idempotent)."""
    heartbeat_record(queue=queue)
