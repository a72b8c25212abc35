from celery import shared_task

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
