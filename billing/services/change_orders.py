"""Change orders: work added or taken off after the contract was signed, proposed, then approved by the
customer on a day (or declined). An approved one joins the job's draft invoice, if there is one."""

from datetime import date
from decimal import Decimal

from django.db import transaction

from installops.clock import company_today
from installops.date_window import date_window_refusal
from installops.errors import DomainError, full_clean_or_refuse
from installops.history import history_note
from jobs.models import Job

from ..choices import ChangeOrderStatus, InvoiceKind, InvoiceStatus
from ..models import ChangeOrder, Invoice
from ..money import cents
from .invoices import change_order_invoice_line, invoice_save_recomputed


def change_order_add(*, job: Job, by, description: str, amount: Decimal) -> ChangeOrder:
    """Propose a change order on the job (negative for work taken off the contract)."""
    with transaction.atomic():
        order = ChangeOrder(job=job, description=description.strip(), amount=cents(amount), created_by=by)
        full_clean_or_refuse(order, exclude=["job", "created_by"])
        history_note(order, by=by, reason="Change order proposed")
        order.save()
    return order


def change_order_decide(
    *, change_order: ChangeOrder, by, approve: bool, approved_on: date | None = None
) -> ChangeOrder:
    """The customer approved (on a date) or declined a proposed change order. An approved one is
    added to the job's draft invoice, if there is one."""
    if approve:
        if approved_on is None:
            raise DomainError("Enter the day the customer approved it.", field="approved_on")
        refusal = date_window_refusal(approved_on)
        if refusal:
            raise DomainError(refusal, field="approved_on")
        if approved_on > company_today():
            raise DomainError("An approval cannot be dated in the future.", field="approved_on")
    with transaction.atomic():
        order = ChangeOrder.objects.select_for_update().get(pk=change_order.pk)
        if order.status != ChangeOrderStatus.PROPOSED:
            raise DomainError(f"This change order is already {order.get_status_display().lower()}.")
        order.status = ChangeOrderStatus.APPROVED if approve else ChangeOrderStatus.DECLINED
        order.approved_on = approved_on if approve else None
        full_clean_or_refuse(order, exclude=["job", "created_by"])
        history_note(order, by=by, reason="Approved by the customer" if approve else "Declined")
        order.save()
        if approve:
            draft = (
                Invoice.objects.select_for_update()
                .filter(job_id=order.job_id, kind=InvoiceKind.INVOICE, status=InvoiceStatus.DRAFT)
                .first()
            )
            if draft is not None:
                last = draft.lines.order_by("-position").values_list("position", flat=True).first() or 0
                line = change_order_invoice_line(order)
                line.invoice = draft
                line.position = last + 1
                line.save()
                invoice_save_recomputed(draft, by=by, reason=f"Change order added: {order.description}")
    return order
