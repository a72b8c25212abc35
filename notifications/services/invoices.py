"""An invoice emailed to its customer: one message per delivery, the PDF attached, the outcome told to billing.

billing writes the delivery and sends `invoice_delivery_requested` after commit; the receiver owes
`invoice_email_task`, which calls `invoice_email_queue`. The message's key names the delivery, so a
task run twice queues one message. Once the message is sent or has failed for good,
`invoice_delivery_report` tells billing (`billing.services.invoice_delivery_settle`).
"""

from django.core.files.storage import default_storage
from django.db import transaction

from billing.choices import DeliveryMethod, RenderStatus
from billing.models import Invoice, InvoiceDelivery
from billing.money import dollars
from billing.services import invoice_delivery_settle
from installops.clock import company_today

from ..choices import Channel, MessageKind, MessageStatus
from ..models import Message
from .errors import PermanentSendError
from .queueing import message_build, messages_queue
from .recipients import customer_address


def invoice_email_queue(*, delivery_id: int) -> Message | None:
    """The delivery's email message, stored once and queued (None for a delivery that is no email)."""
    delivery = (
        InvoiceDelivery.objects.select_related("invoice__customer", "invoice__job").filter(pk=delivery_id).first()
    )
    if delivery is None or delivery.method != DeliveryMethod.EMAIL:
        return None
    invoice = delivery.invoice
    customer = invoice.customer
    address, skip_reason = customer_address(customer, Channel.EMAIL)
    message = message_build(
        kind=MessageKind.INVOICE,
        channel=Channel.EMAIL,
        day=company_today(),
        recipient=f"customer:{customer.pk}",
        recipient_name=customer.name,
        address=delivery.address or address,
        skip_reason="" if delivery.address else skip_reason,
        tag=f"delivery:{delivery.pk}",
        job_id=invoice.job_id,
        context={"delivery_id": delivery.pk, "invoice_id": invoice.pk},
    )
    with transaction.atomic():
        messages_queue([message])
    stored = Message.objects.get(idempotency_key=message.idempotency_key)
    if stored.status == MessageStatus.SKIPPED:
        invoice_delivery_settle(
            delivery_id=delivery.pk, sent=False, error=f"Not emailed: {stored.get_skip_reason_display()}"
        )
    return stored


def _invoice_of(message: Message) -> Invoice:
    invoice_id = message.context.get("invoice_id")
    invoice = Invoice.objects.select_related("customer").filter(pk=invoice_id).first()
    if invoice is None:
        raise PermanentSendError("The invoice is gone")
    return invoice


def invoice_message_context(message: Message) -> dict:
    invoice = _invoice_of(message)
    return {
        "customer_name": invoice.customer.name,
        "number": invoice.number,
        "kind_label": invoice.get_kind_display().lower(),
        "invoice_date": invoice.invoice_date,
        "due_date": invoice.due_date,
        "total": dollars(invoice.total),
        "is_credit_note": invoice.is_credit_note,
    }


def invoice_attachments(message: Message) -> list[tuple[str, bytes, str]]:
    """The invoice's PDF, as (file name, content, type); a PDF that is not there fails the message."""
    invoice = _invoice_of(message)
    if invoice.pdf_status != RenderStatus.DONE or not invoice.pdf:
        raise PermanentSendError("The invoice's PDF is not ready")
    try:
        with default_storage.open(invoice.pdf.name, "rb") as handle:
            content = handle.read()
    except OSError as error:
        raise PermanentSendError(f"The invoice's PDF could not be read: {error}") from error
    return [(f"{invoice.number}.pdf", content, "application/pdf")]


def invoice_delivery_report(message: Message) -> None:
    """Tell billing how the invoice's email went, once the message is settled (sent or failed)."""
    delivery_id = message.context.get("delivery_id")
    if message.kind != MessageKind.INVOICE or not delivery_id:
        return
    if message.status == MessageStatus.SENT:
        invoice_delivery_settle(delivery_id=delivery_id, sent=True)
    elif message.status == MessageStatus.FAILED:
        invoice_delivery_settle(delivery_id=delivery_id, sent=False, error=message.error)
