"""Thin tasks: the service does the work."""

from datetime import date

from celery import shared_task

from installops.daily_runs import records_daily_run

from . import services
from .choices import RenderStatus
from .models import Invoice


@shared_task(acks_late=True, soft_time_limit=120, time_limit=150)
def invoice_pdf_render_task(invoice_id: int) -> str:
    """Render a posted invoice's PDF on the `pdf` queue (routed in settings). Re-runs skip finished work."""
    from .services import invoice_pdf_render

    status = Invoice.objects.filter(pk=invoice_id).values_list("pdf_status", flat=True).first()
    if status != RenderStatus.QUEUED:
        return "skipped"
    return invoice_pdf_render(invoice_id=invoice_id).pdf_status


@shared_task
def invoice_pdf_render_relay_task() -> str:
    """Every minute (beat): queue again the renders the broker never got, take back a dead worker's."""
    from .services import invoice_pdf_render_relay

    queued, taken_back, failed = invoice_pdf_render_relay()
    return f"{queued} invoice PDF(s) queued again, {taken_back} taken back from a dead worker, {failed} failed"


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


@shared_task
@records_daily_run
def agreement_expire_lapsed_task(day: str | None = None) -> str:
    """Agreements whose term ended are marked expired; a second run finds nothing left to mark."""
    changed = services.agreement_expire_lapsed(today=date.fromisoformat(day) if day else None)
    return f"{changed} expired"
