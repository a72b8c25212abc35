"""A finance company's loan, from approval to the money in the bank.

approved → completion certificate signed → funding requested → funded → reconciled, or cancelled
before it is funded. Funding credits the customer the whole funded amount (a payment by "finance
company", applied to the job's posted invoices); the dealer fee the finance company keeps is the
company's cost, recorded on the funding, never a discount on the invoice.
"""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from installops.errors import DomainError, full_clean_or_refuse
from installops.history import history_note
from jobs.models import FinanceCompany, Job

from ..choices import FundingStatus, InvoiceKind, InvoiceStatus, PaymentMethod
from ..models import FinanceFunding, Invoice, Payment
from ..money import ZERO, cents, dollars
from ..selectors.balances import invoices_with_open_amounts
from .payments import check_money_day, jobs_close_when_paid, payment_create, positive_amount

F = FundingStatus
LIVE = [F.APPROVED, F.CERTIFICATE_SIGNED, F.REQUESTED, F.FUNDED, F.RECONCILED]
CANCELLABLE = [F.APPROVED, F.CERTIFICATE_SIGNED, F.REQUESTED]


def funding_open(
    *,
    job: Job,
    finance_company: FinanceCompany,
    approved_amount: Decimal,
    approved_on: date,
    loan_number: str = "",
    note: str = "",
    by,
) -> FinanceFunding:
    """The customer's loan was approved: the funding starts, one live funding per job."""
    with transaction.atomic():
        job = Job.objects.select_for_update().get(pk=job.pk)
        if FinanceFunding.objects.filter(job=job, status__in=LIVE).exists():
            raise DomainError("This job already has a funding; cancel it before opening another.")
        check_money_day(approved_on, field="approved_on", what="The approval")
        funding = FinanceFunding(
            job=job,
            finance_company=finance_company,
            approved_amount=positive_amount(approved_amount, field="approved_amount"),
            approved_on=approved_on,
            loan_number=(loan_number or "").strip(),
            note=(note or "").strip(),
        )
        full_clean_or_refuse(funding)
        history_note(funding, by=by, reason="Loan approved")
        funding.save()
    return funding


def funding_certificate_signed(*, funding: FinanceFunding, signed_on: date, by) -> FinanceFunding:
    """The customer signed the completion certificate the finance company asks for."""
    with transaction.atomic():
        funding = _lock(funding, F.APPROVED, "record the completion certificate")
        check_money_day(signed_on, field="signed_on", what="The signature")
        if signed_on < funding.approved_on:
            raise DomainError("The certificate cannot be signed before the loan was approved.", field="signed_on")
        funding.certificate_signed_on = signed_on
        return _save(funding, F.CERTIFICATE_SIGNED, by=by, reason="Completion certificate signed")


def funding_request(*, funding: FinanceFunding, requested_on: date, by) -> FinanceFunding:
    """The funding was requested from the finance company, with the signed certificate."""
    with transaction.atomic():
        funding = _lock(funding, F.CERTIFICATE_SIGNED, "request the funding")
        check_money_day(requested_on, field="requested_on", what="The request")
        if funding.certificate_signed_on and requested_on < funding.certificate_signed_on:
            raise DomainError("The funding cannot be requested before the certificate was signed.",
                              field="requested_on")  # fmt: skip
        funding.requested_on = requested_on
        return _save(funding, F.REQUESTED, by=by, reason="Funding requested")


def funding_record_funded(
    *, funding: FinanceFunding, funded_on: date, funded_amount: Decimal, dealer_fee: Decimal, by
) -> FinanceFunding:
    """The finance company paid: the customer is credited the funded amount (applied to the job's posted
    invoices, oldest first; what is left is their credit), the dealer fee is the company's cost."""
    with transaction.atomic():
        funding = _lock(funding, F.REQUESTED, "record the funding")
        check_money_day(funded_on, field="funded_on", what="The funding")
        if funding.requested_on and funded_on < funding.requested_on:
            raise DomainError("The funding cannot arrive before it was requested.", field="funded_on")
        funded_amount = positive_amount(funded_amount, field="funded_amount")
        if dealer_fee is None or dealer_fee < 0:
            raise DomainError("Enter the dealer fee ($0.00 when there is none).", field="dealer_fee")
        dealer_fee = cents(dealer_fee)
        if dealer_fee >= funded_amount:
            raise DomainError("The dealer fee must be less than the funded amount.", field="dealer_fee")
        open_invoices = list(
            invoices_with_open_amounts(
                Invoice.objects.filter(job=funding.job, kind=InvoiceKind.INVOICE, status=InvoiceStatus.POSTED)
            ).order_by("invoice_date", "pk")
        )
        applications = []
        left = funded_amount
        for invoice in open_invoices:
            share = min(left, invoice.open_amount) if invoice.open_amount > 0 else ZERO
            if share > 0:
                applications.append((invoice, share))
                left -= share
        payment = payment_create(
            customer=funding.job.customer,
            method=PaymentMethod.FINANCE,
            reference=funding.loan_number or f"{funding.finance_company} funding",
            received_on=funded_on,
            amount=funded_amount,
            applications=applications,
            note=f"{funding.finance_company} funding; dealer fee {dollars(dealer_fee)}.",
            by=by,
            reason="Finance company funding",
        )
        funding.funded_on = funded_on
        funding.funded_amount = funded_amount
        funding.dealer_fee = dealer_fee
        funding.net_received = funded_amount - dealer_fee
        funding.payment = payment
        if funding.invoice_id is None and open_invoices:
            funding.invoice = applications[0][0] if applications else open_invoices[0]
        _save(funding, F.FUNDED, by=by, reason=f"Funded {dollars(funded_amount)}, fee {dollars(dealer_fee)}")
        jobs_close_when_paid([funding.job_id], by=by)
    return funding


def funding_reconcile(*, funding: FinanceFunding, explanation: str = "", by) -> FinanceFunding:
    """Check the funded amount against the invoice; a difference needs its explanation. The funding and
    its payment are reconciled (the payment stands from then on)."""
    with transaction.atomic():
        funding = _lock(funding, F.FUNDED, "reconcile the funding")
        difference = funding_difference(funding)
        explanation = (explanation or "").strip()
        if difference is None:
            raise DomainError("The job has no posted invoice to check the funding against.")
        if difference != 0 and not explanation:
            raise DomainError(
                f"The funding differs from the invoice by {dollars(difference)}: explain the difference.",
                field="explanation",
            )
        now = timezone.now()
        funding.difference_explanation = explanation
        funding.reconciled_at = now
        funding.reconciled_by = by
        _save(funding, F.RECONCILED, by=by, reason=f"Reconciled{f': {explanation}' if explanation else ''}")
        payment = Payment.objects.select_for_update().filter(funding=funding).first()
        if payment is not None and payment.reconciled_at is None:
            payment.reconciled_at = now
            payment.reconciled_by = by
            history_note(payment, by=by, reason="Reconciled with its funding")
            payment.save(update_fields=["reconciled_at", "reconciled_by", "updated_at"])
    return funding


def funding_cancel(*, funding: FinanceFunding, reason: str, by) -> FinanceFunding:
    """The loan will not fund (declined, the customer paid otherwise): cancelled with the reason."""
    with transaction.atomic():
        funding = _lock(funding, CANCELLABLE, "cancel the funding")
        reason = (reason or "").strip()
        if not reason:
            raise DomainError("Say why the funding is cancelled.", field="reason")
        funding.cancel_reason = reason
        return _save(funding, F.CANCELLED, by=by, reason=f"Cancelled: {reason}")


def funding_difference(funding: FinanceFunding) -> Decimal | None:
    """Funded amount less what the job was invoiced (posted invoices less credit notes); None without one."""
    invoices = Invoice.objects.filter(job_id=funding.job_id, status=InvoiceStatus.POSTED)
    totals = dict.fromkeys(InvoiceKind.values, ZERO)
    found = False
    for kind, total in invoices.values_list("kind", "total"):
        totals[kind] += total
        found = found or kind == InvoiceKind.INVOICE
    if not found or funding.funded_amount is None:
        return None
    return funding.funded_amount - (totals[InvoiceKind.INVOICE] - totals[InvoiceKind.CREDIT_NOTE])


# --- inside the module ------------------------------------------------------------------------------

ORDER_WORDS: dict[str, str] = {
    F.APPROVED: "the loan is only approved",
    F.CERTIFICATE_SIGNED: "the completion certificate is signed but the funding not requested yet",
    F.REQUESTED: "the funding is requested and not received yet",
    F.FUNDED: "the funding was already received",
    F.RECONCILED: "the funding is already reconciled",
    F.CANCELLED: "the funding was cancelled",
}
NEXT_STEP: dict[str, str] = {
    F.APPROVED: "record the signed completion certificate first",
    F.CERTIFICATE_SIGNED: "request the funding first",
    F.REQUESTED: "record the funding received first",
    F.FUNDED: "reconcile it",
}


def _lock(funding: FinanceFunding, expected: str | list, action: str) -> FinanceFunding:
    """The funding, locked, in the status the step starts from; otherwise why not, in words."""
    funding = (
        FinanceFunding.objects.select_for_update()
        .select_related("job", "job__customer", "finance_company")
        .get(pk=funding.pk)
    )
    allowed = [expected] if isinstance(expected, str) else list(expected)
    if funding.status not in allowed:
        then = NEXT_STEP.get(funding.status)
        message = f"Cannot {action}: {ORDER_WORDS[funding.status]}"
        raise DomainError(message + (f"; {then}." if then and funding.status not in allowed else "."))
    return funding


def _save(funding: FinanceFunding, status: str, *, by, reason: str) -> FinanceFunding:
    funding.status = status
    full_clean_or_refuse(funding)
    history_note(funding, by=by, reason=reason)
    funding.save()
    return funding
