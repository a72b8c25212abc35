from celery import shared_task


@shared_task(acks_late=True, soft_time_limit=60, time_limit=90)
def job_close_when_paid_task(visit_id: int, by_id: int | None) -> str:
    """After a visit's close-out: close its job if it is invoiced, paid in full and every visit is closed
    out. Harmless twice: a job already closed (or not ready) does not move."""
    from django.contrib.auth import get_user_model

    from jobs.models import Job

    from .services import job_close_when_paid

    job = Job.objects.filter(visits__pk=visit_id).first()
    if job is None:
        return "no job"
    by = get_user_model().objects.filter(pk=by_id).first() if by_id else None
    return "closed" if job_close_when_paid(job=job, by=by) else "unchanged"
