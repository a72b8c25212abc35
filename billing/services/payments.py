"""Money received and given back: payments applied to posted invoices, credit, refunds, voids.

What a payment does not apply stays the customer's credit, to apply later (`payment_apply_credit`) or
refund (`refund_record`). The invoices a payment pays are locked first, so two people recording payments
to one invoice at the same moment cannot both apply its open amount. A payment that brings an invoiced
job's balance to zero closes the job when its visits are all closed out (`job_follow_facts`).
"""

from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from installops.clock import company_today
from installops.date_window import date_window_refusal
from installops.errors import DomainError, full_clean_or_refuse
from installops.history import history_note
from jobs.choices import JobStatus
from jobs.models import Customer, Job
from jobs.services import job_follow_facts

from ..choices import InvoiceKind, InvoiceStatus, PaymentKind, PaymentMethod
from ..models import Invoice, Payment, PaymentApplication
from ..money import ZERO, cents, dollars
from ..selectors.balances import invoices_with_open_amounts, job_balance, payment_unapplied_expression

# Methods that leave a trace the bank statement shows: the reference finds it there.
REFERENCE_REQUIRED = {PaymentMethod.CHECK, PaymentMethod.CARD, PaymentMethod.ACH}
# What a person records at the desk; a finance company's money comes through its funding.
DESK_METHODS = [PaymentMethod.CARD, PaymentMethod.CHECK, PaymentMethod.CASH, PaymentMethod.ACH]
REFUND_METHODS = [PaymentMethod.CARD, PaymentMethod.CHECK, PaymentMethod.CASH, PaymentMethod.ACH]

Applications = Sequence[tuple[Invoice, Decimal]]


def payment_record(
    *,
    customer: Customer,
    method: str,
    reference: str,
    received_on: date,
    amount: Decimal,
    applications: Applications,
    note: str = "",
    by,
) -> Payment:
    """Record money received and apply it to the customer's posted invoices; the rest is their credit."""
    with transaction.atomic():
        payment = payment_create(
            customer=customer,
            method=method,
            reference=reference,
            received_on=received_on,
            amount=amount,
            applications=applications,
            note=note,
            by=by,
            reason="Payment recorded",
        )
        jobs_close_when_paid(_job_ids(applications), by=by)
    return payment


def payment_create(
    *,
    customer: Customer,
    method: str,
    reference: str,
    received_on: date,
    amount: Decimal,
    applications: Applications,
    note: str,
    by,
    reason: str,
) -> Payment:
    """The payment and its applications, checked (call inside a transaction)."""
    if method not in PaymentMethod.values or method == PaymentMethod.CREDIT:
        raise DomainError("Choose how the customer paid.", field="method")
    reference = (reference or "").strip()
    if method in REFERENCE_REQUIRED and not reference:
        label = PaymentMethod(method).label.lower()
        raise DomainError(f"A {label} payment needs its reference (check number, authorisation or trace).",
                          field="reference")  # fmt: skip
    check_money_day(received_on, field="received_on", what="The payment")
    amount = positive_amount(amount, field="amount")
    wanted = _merge(applications)
    applied_total = sum(wanted.values(), ZERO)
    if applied_total > amount:
        raise DomainError(
            f"{dollars(applied_total)} is applied to invoices but the payment is only {dollars(amount)}.",
            field="amount",
        )
    open_amounts = _lock_open_invoices(customer=customer, invoice_ids=wanted)
    for invoice_id, applied in wanted.items():
        invoice, open_amount = open_amounts[invoice_id]
        if applied > open_amount:
            raise DomainError(
                f"Invoice {invoice.number} has {dollars(open_amount)} open; {dollars(applied)} cannot be applied.",
                field="applications",
            )
    payment = Payment(
        customer=customer,
        kind=PaymentKind.PAYMENT,
        method=method,
        reference=reference,
        received_on=received_on,
        amount=amount,
        note=(note or "").strip(),
        recorded_by=by,
    )
    full_clean_or_refuse(payment)
    history_note(payment, by=by, reason=reason)
    payment.save()
    for invoice_id, applied in wanted.items():
        _apply(payment=payment, invoice=open_amounts[invoice_id][0], amount=applied, on=received_on, by=by)
    return payment


def payment_apply_credit(*, payment: Payment, invoice: Invoice, amount: Decimal, by) -> PaymentApplication:
    """Apply part of a payment's credit (what it left unapplied) to one of the customer's posted invoices."""
    with transaction.atomic():
        payment = _lock_payment(payment)
        if payment.kind != PaymentKind.PAYMENT:
            raise DomainError("A refund has no credit to apply.")
        amount = positive_amount(amount, field="amount")
        credit = _unapplied(payment)
        if amount > credit:
            raise DomainError(f"This payment has {dollars(credit)} of credit left.", field="amount")
        invoice, open_amount = _lock_open_invoices(customer=payment.customer, invoice_ids=[invoice.pk])[invoice.pk]
        if amount > open_amount:
            raise DomainError(f"Invoice {invoice.number} has {dollars(open_amount)} open.", field="amount")
        application = _apply(payment=payment, invoice=invoice, amount=amount, on=company_today(), by=by)
        history_note(payment, by=by, reason=f"{dollars(amount)} of credit applied to {invoice.number}")
        payment.save(update_fields=["updated_at"])
        jobs_close_when_paid([invoice.job_id], by=by)
    return application


def refund_record(
    *, payment: Payment, method: str, reference: str, refunded_on: date, amount: Decimal, reason: str, by
) -> Payment:
    """Give back part (or all) of a payment's credit: a refund, never more than the credit it holds."""
    with transaction.atomic():
        payment = _lock_payment(payment)
        if payment.kind != PaymentKind.PAYMENT:
            raise DomainError("A refund cannot be refunded.")
        if method not in REFUND_METHODS:
            raise DomainError("Choose how the money goes back to the customer.", field="method")
        reference = (reference or "").strip()
        if method in REFERENCE_REQUIRED and not reference:
            raise DomainError("Give the refund's check number, card authorisation or trace.", field="reference")
        if not (reason or "").strip():
            raise DomainError("Say why the money is refunded.", field="reason")
        check_money_day(refunded_on, field="refunded_on", what="The refund")
        if refunded_on < payment.received_on:
            raise DomainError("A refund cannot come before the payment it gives back.", field="refunded_on")
        amount = positive_amount(amount, field="amount")
        credit = _unapplied(payment)
        if amount > credit:
            raise DomainError(
                f"The customer holds {dollars(credit)} of credit from this payment; refund at most that.",
                field="amount",
            )
        refund = Payment(
            customer=payment.customer,
            kind=PaymentKind.REFUND,
            refund_of=payment,
            method=method,
            reference=reference,
            received_on=refunded_on,
            amount=amount,
            note=reason.strip(),
            recorded_by=by,
        )
        full_clean_or_refuse(refund)
        history_note(refund, by=by, reason=f"Refund of {dollars(amount)}: {reason.strip()}")
        refund.save()
    return refund


def payment_void(*, payment: Payment, reason: str, by) -> Payment:
    """Take back a payment (or refund) entered by mistake, with the reason; a reconciled one stands."""
    with transaction.atomic():
        payment = _lock_payment(payment)
        reason = (reason or "").strip()
        if not reason:
            raise DomainError("Say why the payment is voided.", field="reason")
        if payment.reconciled_at is not None:
            raise DomainError("This payment is reconciled with the bank: it can no longer be voided.")
        if hasattr(payment, "funding"):
            raise DomainError("This payment came from a finance company's funding; correct the funding instead.")
        if payment.refunds.filter(voided_at__isnull=True).exists():
            raise DomainError("Money was refunded from this payment: void the refund first.")
        # The invoices it paid open again: lock them as a payment to them would.
        invoice_ids = list(payment.applications.values_list("invoice_id", flat=True))
        list(Invoice.objects.select_for_update().filter(pk__in=invoice_ids).order_by("pk").values_list("pk"))
        payment.voided_at = timezone.now()
        payment.voided_by = by
        payment.void_reason = reason
        full_clean_or_refuse(payment)
        history_note(payment, by=by, reason=f"Voided: {reason}")
        payment.save(update_fields=["voided_at", "voided_by", "void_reason", "updated_at"])
    return payment


def payment_reconcile(*, payment: Payment, by) -> Payment:
    """Mark the payment matched to the bank's deposit: it stands from now on."""
    with transaction.atomic():
        payment = _lock_payment(payment)
        if payment.reconciled_at is not None:
            raise DomainError("This payment is already reconciled.")
        payment.reconciled_at = timezone.now()
        payment.reconciled_by = by
        history_note(payment, by=by, reason="Reconciled with the bank")
        payment.save(update_fields=["reconciled_at", "reconciled_by", "updated_at"])
    return payment


def job_close_when_paid(*, job: Job, by) -> bool:
    """Close the job if the facts now say so (invoiced, paid in full, every visit closed out): for the
    close-out of the last visit of a job already paid. Whether it moved."""
    with transaction.atomic():
        return bool(jobs_close_when_paid([job.pk], by=by))


# --- inside the module ------------------------------------------------------------------------------


def _lock_payment(payment: Payment) -> Payment:
    locked = Payment.objects.select_for_update().select_related("customer").get(pk=payment.pk)
    if locked.voided_at is not None:
        raise DomainError("This payment was voided.")
    return locked


def _unapplied(payment: Payment) -> Decimal:
    return Payment.objects.filter(pk=payment.pk).annotate(credit=payment_unapplied_expression()).get().credit


def _lock_open_invoices(*, customer: Customer, invoice_ids: Iterable[int]) -> dict[int, tuple[Invoice, Decimal]]:
    """Lock the invoices (in id order, so two payments never wait on each other), then read what is open."""
    ids = sorted(set(invoice_ids))
    if not ids:
        return {}
    locked = {
        invoice.pk: invoice
        for invoice in Invoice.objects.select_for_update().filter(pk__in=ids).order_by("pk")
    }  # fmt: skip
    for pk in ids:
        invoice = locked.get(pk)
        if invoice is None or invoice.customer_id != customer.pk:
            raise DomainError("Apply the payment only to this customer's invoices.", field="applications")
        if invoice.kind != InvoiceKind.INVOICE or invoice.status != InvoiceStatus.POSTED:
            raise DomainError(f"{invoice} is not a posted invoice: nothing is owed on it yet.", field="applications")
    open_amounts = dict(invoices_with_open_amounts(Invoice.objects.filter(pk__in=ids)).values_list("pk", "open_amount"))
    return {pk: (locked[pk], open_amounts[pk]) for pk in ids}


def _apply(*, payment: Payment, invoice: Invoice, amount: Decimal, on: date, by) -> PaymentApplication:
    application = PaymentApplication(payment=payment, invoice=invoice, amount=amount, applied_on=on, applied_by=by)
    full_clean_or_refuse(application)
    application.save()
    return application


def _merge(applications: Applications) -> dict[int, Decimal]:
    """Amounts by invoice id (an invoice named twice gets the sum); zero lines are left out."""
    wanted: dict[int, Decimal] = {}
    for invoice, amount in applications:
        if amount is None or amount == 0:
            continue
        if amount < 0:
            raise DomainError("An amount applied cannot be negative.", field="applications")
        wanted[invoice.pk] = wanted.get(invoice.pk, ZERO) + cents(amount)
    return wanted


def positive_amount(amount: Decimal | None, *, field: str) -> Decimal:
    if amount is None or cents(amount) <= 0:
        raise DomainError("Enter an amount above $0.00.", field=field)
    return cents(amount)


def check_money_day(day: date | None, *, field: str, what: str) -> None:
    if day is None:
        raise DomainError("Give the day.", field=field)
    refusal = date_window_refusal(day)
    if refusal:
        raise DomainError(refusal, field=field)
    if day > company_today():
        raise DomainError(f"{what} cannot be dated in the future.", field=field)


def _job_ids(applications: Applications) -> list[int]:
    return sorted({invoice.job_id for invoice, amount in applications if amount})


def jobs_close_when_paid(job_ids: Iterable[int], *, by) -> list[int]:
    """Close each invoiced job now paid in full whose visits are closed out (the lifecycle checks both)."""
    closed = []
    for job in Job.objects.filter(pk__in=list(job_ids), status=JobStatus.INVOICED).order_by("pk"):
        if job_balance(job) == 0 and job_follow_facts(
            job=job, to_status=JobStatus.CLOSED, by=by, note="Paid in full: closed."
        ):
            closed.append(job.pk)
    return closed
