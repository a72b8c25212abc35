from datetime import date

from celery import shared_task

from installops.clock import company_tomorrow
from installops.daily_runs import records_daily_run

from .choices import RenderStatus
from .models import JobFolderRender


@shared_task(acks_late=True, soft_time_limit=120, time_limit=150)
def job_folder_render_task(render_id: int) -> str:
    """Render a job-folder PDF on the `pdf` queue (routed in settings). Re-runs skip finished work."""
    from .services import job_folder_render

    status = JobFolderRender.objects.filter(pk=render_id).values_list("status", flat=True).first()
    if status != RenderStatus.QUEUED:
        return "skipped"
    return job_folder_render(render_id=render_id).status


@shared_task
@records_daily_run
def job_folder_render_for_day_task(day: str | None = None) -> int:
    """The daily sweep: tomorrow's field folders are ready before the crews are paged."""
    from .services import job_folder_render_for_day

    target = date.fromisoformat(day) if day else company_tomorrow()
    return len(job_folder_render_for_day(day=target))


@shared_task
def job_folder_render_relay_task() -> str:
    """Every minute (beat): queue again the renders the broker never got, take back a dead worker's."""
    from .services import job_folder_render_relay

    queued, taken_back, failed = job_folder_render_relay()
    return f"{queued} render(s) queued again, {taken_back} taken back from a dead worker, {failed} failed"
