"""The demo company's money in: payments by check, card, ACH and cash, partial ones, an overpayment left as
credit and partly refunded, a payment voided, and finance-company fundings in every state, all through
billing's services (the builder pins the clock).

A closed job was paid in full (by a payment, or by its loan funded and reconciled), which closed it by
the facts; an invoiced job is paid in part, not at all, or waits on its finance company.
"""

import itertools
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from billing import selectors as billing_selectors
from billing import services as billing_services
from billing.choices import FundingStatus, InvoiceKind, InvoiceStatus, LineKind, PaymentMethod
from billing.models import FinanceFunding, Invoice, InvoiceLine, NumberSequence
from installops.clock import company_date
from jobs.choices import JobStatus
from jobs.models import Job

ZERO = Decimal("0.00")
# Which way each closed job was paid, and what each invoiced job still waits on, in turn.
CLOSED_TURNS = itertools.cycle(["check", "card_overpaid", "ach", "cash"])
INVOICED_TURNS = itertools.cycle(["partial_check", "voided", "partial_ach", "unpaid"])
# An invoiced job's loan: funded short of the invoice (the rest still owed), funded short and the rest
# paid by check (reconciled with the difference explained, the job closed), or requested and waiting.
FINANCED_TURNS = itertools.cycle(["funded_short", "reconciled", "requested"])
# A financed job's loan, by how far the job has got.
EARLY_STATUSES = {JobStatus.SOLD, JobStatus.SCHEDULED, JobStatus.PERMITTED, JobStatus.READY}
WORKED_STATUSES = {JobStatus.INSTALLED, JobStatus.INSPECTED}
LATE_TURNS = itertools.cycle(["certificate", "requested"])


def ensure_posted_invoice(job: Job, *, by, today: date) -> Invoice | None:
    """The job's posted invoice; when invoicing has posted none, one for the contract, numbered in turn."""
    existing = Invoice.objects.filter(job=job, kind=InvoiceKind.INVOICE, status=InvoiceStatus.POSTED).first()
    if existing is not None or not job.contract_amount:
        return existing
    day = _work_day(job, today)
    with transaction.atomic():
        sequence, _ = NumberSequence.objects.select_for_update().get_or_create(kind=InvoiceKind.INVOICE, year=day.year)
        sequence.last_number += 1
        sequence.save(update_fields=["last_number"])
        invoice = Invoice.objects.create(
            kind=InvoiceKind.INVOICE, status=InvoiceStatus.POSTED, job=job, customer=job.customer,
            number=f"INV-{day.year}-{sequence.last_number:05d}", year=day.year, sequence=sequence.last_number,
            invoice_date=day, due_date=day + timedelta(days=30), description=job.equipment_proposed or "Service",
            subtotal=job.contract_amount, total=job.contract_amount, created_by=by, posted_at=timezone.now(),
            posted_by=by,
        )  # fmt: skip
        InvoiceLine.objects.create(
            invoice=invoice, kind=LineKind.OTHER, description="As contracted", unit_price=job.contract_amount,
            amount=job.contract_amount,
        )  # fmt: skip
    return invoice


def pay_in_full(job: Job, *, by, today: date) -> None:
    """Pay what the job owes, which closes it by the facts: a loan funded and reconciled for a financed job,
    else a check, a card (overpaid, the extra partly refunded), an ACH transfer or cash, in turn."""
    invoice = ensure_posted_invoice(job, by=by, today=today)
    if invoice is None:
        return
    owed = billing_selectors.job_balance(job)
    day = min(invoice.invoice_date + timedelta(days=6), today)
    if job.finance_company_id and owed > 0:
        funding = _funding_to(job, FundingStatus.REQUESTED, by=by, today=today, start=invoice.invoice_date)
        fee = (owed * Decimal("0.035")).quantize(Decimal("0.01"))
        funding = billing_services.funding_record_funded(
            funding=funding, funded_on=max(day, funding.requested_on), funded_amount=owed, dealer_fee=fee, by=by
        )
        billing_services.funding_reconcile(funding=funding, by=by)
        return
    if owed <= 0:
        return
    turn = next(CLOSED_TURNS)
    if turn == "card_overpaid":
        payment = _pay(job, invoice, owed + Decimal("150.00"), owed, PaymentMethod.CARD, "AUTH 48213", day, by)
        billing_services.refund_record(
            payment=payment, method=PaymentMethod.CHECK, reference="R-2207",
            refunded_on=min(day + timedelta(days=2), today), amount=Decimal("100.00"),
            reason="Paid the deposit twice; $50 kept as credit for the spring tune-up.", by=by,
        )  # fmt: skip
        return
    method, reference = {
        "check": (PaymentMethod.CHECK, "4417"),
        "ach": (PaymentMethod.ACH, "ACH 0921-55"),
        "cash": (PaymentMethod.CASH, ""),
    }[turn]
    payment = _pay(job, invoice, owed, owed, method, reference, day, by)
    if turn == "check":
        billing_services.payment_reconcile(payment=payment, by=by)


def add_receivables(job: Job, *, by, today: date) -> None:
    """After a job is built: an invoiced job's payments so far, and a financed job's loan as far as it got."""
    job.refresh_from_db()
    if job.status == JobStatus.INVOICED:
        invoice = ensure_posted_invoice(job, by=by, today=today)
        if invoice is None:
            return
        if job.finance_company_id:
            _financed_turn(job, invoice, by=by, today=today)
            return
        _invoiced_turn(job, invoice, by=by, today=today)
    elif job.finance_company_id and job.contract_amount and not FinanceFunding.objects.filter(job=job).exists():
        if job.status in EARLY_STATUSES:
            _funding_to(job, FundingStatus.APPROVED, by=by, today=today, start=today - timedelta(days=20))
        elif job.status in WORKED_STATUSES:
            step = FundingStatus.CERTIFICATE_SIGNED if next(LATE_TURNS) == "certificate" else FundingStatus.REQUESTED
            _funding_to(job, step, by=by, today=today, start=_work_day(job, today))
        elif job.status in (JobStatus.ON_HOLD, JobStatus.CANCELLED):
            funding = _funding_to(job, FundingStatus.APPROVED, by=by, today=today, start=today - timedelta(days=30))
            billing_services.funding_cancel(funding=funding, reason="The customer chose to pay another way.", by=by)


# --- inside the module ------------------------------------------------------------------------------


def _invoiced_turn(job: Job, invoice: Invoice, *, by, today: date) -> None:
    owed = billing_selectors.job_balance(job)
    if owed < Decimal("2.00"):
        return
    day = min(invoice.invoice_date + timedelta(days=3), today)
    half = (owed / 2).quantize(Decimal("0.01"))
    turn = next(INVOICED_TURNS)
    if turn == "partial_check":
        _pay(job, invoice, half, half, PaymentMethod.CHECK, "3902", day, by)
    elif turn == "partial_ach":
        _pay(job, invoice, half, half, PaymentMethod.ACH, "ACH 7781-02", day, by)
    elif turn == "voided":
        payment = _pay(job, invoice, half, half, PaymentMethod.CASH, "", day, by)
        billing_services.payment_void(payment=payment, reason="Recorded on the wrong customer's invoice.", by=by)


def _financed_turn(job: Job, invoice: Invoice, *, by, today: date) -> None:
    # Requested when the work was done: the fundings list's oldest lines.
    funding = _funding_to(job, FundingStatus.REQUESTED, by=by, today=today, start=invoice.invoice_date)
    turn = next(FINANCED_TURNS)
    owed = billing_selectors.job_balance(job)
    if turn == "requested" or owed < Decimal("10.00"):
        return
    short = (owed * Decimal("0.9")).quantize(Decimal("0.01"))
    day = max(min(invoice.invoice_date + timedelta(days=9), today), funding.requested_on)
    fee = (short * Decimal("0.04")).quantize(Decimal("0.01"))
    funding = billing_services.funding_record_funded(
        funding=funding, funded_on=day, funded_amount=short, dealer_fee=fee, by=by
    )
    if turn == "reconciled":
        _pay(job, invoice, owed - short, owed - short, PaymentMethod.CHECK, "5120", day, by)
        billing_services.funding_reconcile(
            funding=funding, explanation="The loan covered 90%; the customer paid the rest by check.", by=by
        )


def _pay(job, invoice, amount, applied, method, reference, day, by):
    return billing_services.payment_record(
        customer=job.customer, method=method, reference=reference, received_on=day, amount=amount,
        applications=[(invoice, applied)] if applied > 0 else [], note="", by=by,
    )  # fmt: skip


def _funding_to(job: Job, status: str, *, by, today: date, start: date) -> FinanceFunding:
    """The job's loan taken to `status` (approved, certificate signed or requested), its steps in order."""
    start = min(start, today)
    approved_on = min(job.sold_on, start) if job.sold_on else start
    approved_on = max(approved_on, today - timedelta(days=300))
    funding = billing_services.funding_open(
        job=job, finance_company=job.finance_company,
        approved_amount=job.finance_approved_amount or job.contract_amount, approved_on=approved_on,
        loan_number=f"LN-{job.number}", by=by,
    )  # fmt: skip
    if status == FundingStatus.APPROVED:
        return funding
    signed_on = max(start, approved_on)
    funding = billing_services.funding_certificate_signed(funding=funding, signed_on=signed_on, by=by)
    if status == FundingStatus.CERTIFICATE_SIGNED:
        return funding
    return billing_services.funding_request(funding=funding, requested_on=signed_on, by=by)


def _work_day(job: Job, today: date) -> date:
    """The day the job's last visit ended (the invoice's day), never after today."""
    last = job.visits.order_by("-ends_at").values_list("ends_at", flat=True).first()
    return min(company_date(last), today) if last else today
