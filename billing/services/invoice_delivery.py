"""Sending a posted invoice to the customer: by email (a message in the log, the PDF attached) or,
for a customer without email or who asked for none, onto the print-and-mail queue.

The delivery row is written first; the email leaves through notifications, which listens to
`billing.signals.invoice_delivery_requested` (sent after commit, ids only) and reports the outcome back
through `invoice_delivery_settle`.
"""

from datetime import date

from django.db import transaction
from django.utils import timezone

from installops.clock import company_today
from installops.date_window import date_window_refusal
from installops.errors import DomainError, full_clean_or_refuse
from installops.history import history_note
from installops.models import PrintJob
from installops.printing.services import print_job_request_many

from ..choices import DeliveryMethod, DeliveryStatus, InvoiceStatus, RenderStatus
from ..models import Invoice, InvoiceDelivery
from ..signals import invoice_delivery_requested


def _posted(invoice: Invoice) -> Invoice:
    locked = Invoice.objects.select_for_update().select_related("customer").get(pk=invoice.pk)
    if locked.status != InvoiceStatus.POSTED:
        raise DomainError("Post the invoice before sending it.")
    return locked


def invoice_email(*, invoice: Invoice, by) -> InvoiceDelivery:
    """Email the posted invoice with its PDF, or put it on the print-and-mail queue when the customer
    has no email address or asked for no email."""
    with transaction.atomic():
        invoice = _posted(invoice)
        customer = invoice.customer
        if not customer.email or customer.email_opt_out:
            return _mail(invoice, by=by)
        if invoice.pdf_status != RenderStatus.DONE:
            raise DomainError("The invoice's PDF is not ready yet: send it once the PDF is made.")
        delivery = InvoiceDelivery(
            invoice=invoice,
            method=DeliveryMethod.EMAIL,
            status=DeliveryStatus.QUEUED,
            address=customer.email,
            requested_by=by,
            requested_at=timezone.now(),
        )
        full_clean_or_refuse(delivery, exclude=["invoice", "requested_by", "mailed_by"])
        history_note(delivery, by=by, reason="Email asked for")
        delivery.save()
        delivery_id = delivery.pk
        transaction.on_commit(lambda: invoice_delivery_requested.send(sender=InvoiceDelivery, delivery_id=delivery_id))
    return delivery


def invoice_mail(*, invoice: Invoice, by) -> InvoiceDelivery:
    """Put the posted invoice on the print-and-mail queue (one waiting copy at a time)."""
    with transaction.atomic():
        return _mail(_posted(invoice), by=by)


def _mail(invoice: Invoice, *, by) -> InvoiceDelivery:
    waiting = InvoiceDelivery.objects.filter(
        invoice=invoice, method=DeliveryMethod.MAIL, status=DeliveryStatus.QUEUED
    ).first()
    if waiting is not None:
        return waiting
    customer = invoice.customer
    address = ", ".join(
        part
        for part in (customer.billing_street, customer.billing_city, customer.billing_state, customer.billing_zip)
        if part
    )
    delivery = InvoiceDelivery(
        invoice=invoice,
        method=DeliveryMethod.MAIL,
        status=DeliveryStatus.QUEUED,
        address=address[:254],
        requested_by=by,
        requested_at=timezone.now(),
    )
    full_clean_or_refuse(delivery, exclude=["invoice", "requested_by", "mailed_by"])
    history_note(delivery, by=by, reason="Put on the print-and-mail queue")
    delivery.save()
    return delivery


def invoice_delivery_settle(*, delivery_id: int, sent: bool, error: str = "") -> InvoiceDelivery:
    """The email went out, or failed with its reason (called by notifications' sending task). A failed
    one whose message the office sent again is settled again."""
    with transaction.atomic():
        delivery = InvoiceDelivery.objects.select_for_update().get(pk=delivery_id)
        if delivery.method != DeliveryMethod.EMAIL or delivery.status not in (
            DeliveryStatus.QUEUED,
            DeliveryStatus.FAILED,
        ):
            return delivery
        delivery.status = DeliveryStatus.SENT if sent else DeliveryStatus.FAILED
        delivery.sent_at = timezone.now() if sent else None
        delivery.error = "" if sent else (error or "The email could not be sent.")[:2000]
        history_note(delivery, by=None, reason="Emailed" if sent else "Email failed")
        delivery.save(update_fields=["status", "sent_at", "error", "updated_at"])
    return delivery


def invoice_deliveries_record_mailed(*, deliveries: list[InvoiceDelivery], by, mailed_on: date | None = None) -> int:
    """The office put these invoices in the mail on `mailed_on` (company today when left out)."""
    mailed_on = mailed_on or company_today()
    if mailed_on > company_today():
        raise DomainError("An invoice cannot be mailed in the future.", field="mailed_on")
    refusal = date_window_refusal(mailed_on)
    if refusal:
        raise DomainError(refusal, field="mailed_on")
    with transaction.atomic():
        for delivery in sorted(deliveries, key=lambda delivery: delivery.pk):  # one lock order for every caller
            locked = InvoiceDelivery.objects.select_for_update().get(pk=delivery.pk)
            if locked.method != DeliveryMethod.MAIL or locked.status != DeliveryStatus.QUEUED:
                continue
            locked.status = DeliveryStatus.MAILED
            locked.mailed_on = mailed_on
            locked.mailed_by = by
            history_note(locked, by=by, reason=f"Mailed on {mailed_on:%b} {mailed_on.day}")
            locked.save(update_fields=["status", "mailed_on", "mailed_by", "updated_at"])
    return len(deliveries)


def invoice_deliveries_print(*, deliveries: list[InvoiceDelivery], by) -> list[PrintJob]:
    """Send the PDFs of the invoices waiting to be mailed to the office's printer, in their order.

    The deliveries come with invoice, job and customer loaded: a fixed number of queries."""
    ready = [d for d in deliveries if d.invoice.pdf_status == RenderStatus.DONE and d.invoice.pdf]
    if not ready:
        return []
    items = [
        (d.invoice.pdf.name, f"Invoice {d.invoice.number} · job {d.invoice.job.number} · {d.invoice.customer.name}")
        for d in ready
    ]
    with transaction.atomic():
        return print_job_request_many(items=items, by=by)
