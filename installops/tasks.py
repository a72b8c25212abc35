"""The project's own tasks (each app keeps its tasks in its own module)."""

from celery import shared_task

from installops.health.heartbeat import heartbeat_record

from .choices import PrintJobStatus
from .daily_runs import daily_tasks_catch_up
from .models import PrintJob


@shared_task(ignore_result=True)
def worker_heartbeat_task(queue: str) -> None:
    """Runs every minute on each watched queue: proves a worker of that queue takes tasks (idempotent)."""
    heartbeat_record(queue=queue)


@shared_task
def daily_tasks_catch_up_task() -> str:
    """Every minute (beat): queue today's daily tasks that beat could not publish at their time."""
    queued = daily_tasks_catch_up()
    return f"caught up: {', '.join(queued)}" if queued else "nothing missed"


@shared_task(acks_late=True, soft_time_limit=60, time_limit=90)
def print_job_run_task(print_job_id: int) -> str:
    """Print one print job. A job no longer "queued" (printed, failed, or taken by another copy) is skipped."""
    from .printing.services import print_job_run

    status = PrintJob.objects.filter(pk=print_job_id).values_list("status", flat=True).first()
    if status != PrintJobStatus.QUEUED:
        return "skipped"
    return print_job_run(print_job_id=print_job_id).status


@shared_task
def print_job_relay_task() -> str:
    """Every minute (beat): queue again the print jobs the broker never got, settle a dead worker's."""
    from .printing.services import print_job_relay

    queued, taken_back, failed = print_job_relay()
    return f"{queued} print job(s) queued again, {taken_back} taken back from a dead worker, {failed} failed"
