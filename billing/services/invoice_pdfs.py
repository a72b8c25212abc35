"""An invoice's PDF, rendered once after posting on the `pdf` queue.

The invoice row is its own outbox (docs/architecture.md): `pdf_status` "queued" is saved with the
posting, handed to the broker after commit through `publish_or_defer`, queued again by the relay when
the broker never got it, taken back from a worker that died mid-render, and failed visibly after
PDF_MAX_ATTEMPTS. "Render again" on the invoice page retries a failed one.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from installops.errors import DomainError
from installops.history import history_note
from installops.queueing import publish_or_defer

from ..choices import InvoiceStatus, RenderStatus
from ..models import Invoice

logger = logging.getLogger(__name__)

PDF_MAX_ATTEMPTS = 3
PDF_RELAY_BATCH = 1000
# A render queued a moment ago is being handed over by the request that posted it: the relay leaves it.
PDF_RELAY_GRACE = timedelta(seconds=10)


def pdf_lease() -> timedelta:
    return timedelta(seconds=settings.BILLING_PDF_LEASE_SECONDS)


def invoice_pdfs_enqueue(*, invoice_ids: list[int]) -> bool:
    """Queue the renders on the pdf queue and mark them handed over; a broker that is down raises
    nothing (the relay queues them once it is back)."""
    from ..tasks import invoice_pdf_render_task

    def publish() -> None:
        with invoice_pdf_render_task.app.producer_or_acquire() as producer:
            for invoice_id in invoice_ids:
                invoice_pdf_render_task.apply_async((invoice_id,), producer=producer)

    if not publish_or_defer(publish, what=f"{len(invoice_ids)} invoice PDF(s)"):
        return False
    Invoice.objects.filter(pk__in=invoice_ids, pdf_status=RenderStatus.QUEUED).update(pdf_enqueued_at=timezone.now())
    return True


def invoice_pdf_render(*, invoice_id: int) -> Invoice:
    """Render one posted invoice's PDF (called by the worker). Only a "queued" render is taken, so of
    two copies of the task one renders and the other stops. A failure is kept with its reason, and
    tried again until PDF_MAX_ATTEMPTS."""
    from ..pdfs import invoice_pdf

    with transaction.atomic():
        invoice = Invoice.objects.select_for_update().get(pk=invoice_id)
        if invoice.pdf_status != RenderStatus.QUEUED or invoice.status != InvoiceStatus.POSTED:
            return invoice
        invoice.pdf_status = RenderStatus.RUNNING
        invoice.pdf_attempts += 1
        invoice.pdf_finished_at = None
        history_note(invoice, by=None)
        invoice.save(update_fields=["pdf_status", "pdf_attempts", "pdf_finished_at", "updated_at"])
    try:
        content = invoice_pdf(invoice_id=invoice_id)
    except Exception as error:
        logger.exception("Invoice PDF %s failed", invoice_id)
        return _render_failed(invoice_id, f"{type(error).__name__}: {error}"[:1000])
    with transaction.atomic():
        invoice = Invoice.objects.select_for_update().get(pk=invoice_id)
        if invoice.pdf_status != RenderStatus.RUNNING:
            return invoice  # taken back by the relay meanwhile: its next try writes the file
        invoice.pdf.save(f"{invoice.number}.pdf", ContentFile(content), save=False)
        invoice.pdf_status = RenderStatus.DONE
        invoice.pdf_error = ""
        invoice.pdf_finished_at = timezone.now()
        history_note(invoice, by=None, reason="PDF made")
        invoice.save(update_fields=["pdf", "pdf_status", "pdf_error", "pdf_finished_at", "updated_at"])
    return invoice


def _render_failed(invoice_id: int, reason: str) -> Invoice:
    with transaction.atomic():
        invoice = Invoice.objects.select_for_update().get(pk=invoice_id)
        if invoice.pdf_status != RenderStatus.RUNNING:
            return invoice
        final = invoice.pdf_attempts >= PDF_MAX_ATTEMPTS
        invoice.pdf_status = RenderStatus.FAILED if final else RenderStatus.QUEUED
        invoice.pdf_error = reason if final else f"Attempt {invoice.pdf_attempts} failed: {reason}"
        invoice.pdf_enqueued_at = None
        invoice.pdf_finished_at = timezone.now() if final else None
        history_note(invoice, by=None, reason="PDF failed" if final else "PDF attempt failed")
        invoice.save(update_fields=["pdf_status", "pdf_error", "pdf_enqueued_at", "pdf_finished_at", "updated_at"])
    # A try left: the relay queues it again after the grace, so a failing render does not spin a worker.
    return invoice


def invoice_pdf_rerender(*, invoice: Invoice, by) -> Invoice:
    """ "Render again": a failed (or finished) PDF of a posted invoice is made anew, three more tries."""
    with transaction.atomic():
        invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
        if invoice.status != InvoiceStatus.POSTED:
            raise DomainError("A draft has no PDF yet: post it first.")
        if invoice.pdf_status in (RenderStatus.QUEUED, RenderStatus.RUNNING):
            return invoice
        invoice.pdf_status = RenderStatus.QUEUED
        invoice.pdf_attempts = 0
        invoice.pdf_error = ""
        invoice.pdf_enqueued_at = None
        history_note(invoice, by=by, reason="PDF asked for again")
        invoice.save(update_fields=["pdf_status", "pdf_attempts", "pdf_error", "pdf_enqueued_at", "updated_at"])
        invoice_id = invoice.pk
        transaction.on_commit(lambda: invoice_pdfs_enqueue(invoice_ids=[invoice_id]))
    return invoice


def invoice_pdf_render_relay() -> tuple[int, int, int]:
    """Every minute (beat): (renders queued again, taken back from a dead worker, failed).

    A fixed number of queries whatever the backlog; idempotent.
    """
    now = timezone.now()
    lease = pdf_lease()
    dead = Invoice.objects.filter(pdf_status=RenderStatus.RUNNING, updated_at__lt=now - lease)
    taken_back = dead.filter(pdf_attempts__lt=PDF_MAX_ATTEMPTS).update(
        pdf_status=RenderStatus.QUEUED,
        pdf_enqueued_at=None,
        pdf_error="The PDF worker stopped while making it; trying again.",
        updated_at=now,
    )
    failed = dead.filter(pdf_attempts__gte=PDF_MAX_ATTEMPTS).update(
        pdf_status=RenderStatus.FAILED,
        pdf_error=f"The PDF worker stopped while making it, {PDF_MAX_ATTEMPTS} times. Use “Render again”.",
        pdf_finished_at=now,
        updated_at=now,
    )
    never = Q(pdf_enqueued_at__isnull=True, updated_at__lt=now - PDF_RELAY_GRACE)
    due = Invoice.objects.filter(Q(pdf_status=RenderStatus.QUEUED) & (never | Q(pdf_enqueued_at__lt=now - lease)))
    invoice_ids = list(due.order_by("pk").values_list("pk", flat=True)[:PDF_RELAY_BATCH])
    if invoice_ids:
        invoice_pdfs_enqueue(invoice_ids=invoice_ids)
    return len(invoice_ids), taken_back, failed
