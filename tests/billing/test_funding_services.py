"""A finance company's loan, step by step: in order only, the fee a cost, reconciled against the invoice."""

from datetime import date
from decimal import Decimal

import pytest

from billing.choices import FundingStatus, PaymentMethod
from billing.models import FinanceFunding, Invoice
from billing.selectors import customer_balance, invoices_with_open_amounts
from billing.services import (
    funding_cancel,
    funding_certificate_signed,
    funding_open,
    funding_reconcile,
    funding_record_funded,
    funding_request,
    payment_void,
)
from installops.errors import DomainError
from tests.billing.posted import posted_invoice
from tests.jobs.factories import FinanceCompanyFactory, JobFactory

pytestmark = [pytest.mark.django_db, pytest.mark.company_time("2026-11-24 09:00")]

D = Decimal


def opened(by, *, job=None, amount="12000.00"):
    job = job or JobFactory()
    return funding_open(
        job=job, finance_company=FinanceCompanyFactory(name="GreenSky"), approved_amount=D(amount),
        approved_on=date(2026, 10, 1), loan_number="GS-881", by=by,
    )  # fmt: skip


def requested(by, **kwargs):
    funding = opened(by, **kwargs)
    funding_certificate_signed(funding=funding, signed_on=date(2026, 11, 2), by=by)
    return funding_request(funding=funding, requested_on=date(2026, 11, 3), by=by)


def funded(by, *, amount="12000.00", fee="480.00", **kwargs):
    funding = requested(by, **kwargs)
    return funding_record_funded(
        funding=funding, funded_on=date(2026, 11, 20), funded_amount=D(amount), dealer_fee=D(fee), by=by
    )


def test_each_step_refuses_to_come_before_the_one_it_follows(accounting):
    funding = opened(accounting)
    with pytest.raises(DomainError, match="record the signed completion certificate first"):
        funding_request(funding=funding, requested_on=date(2026, 11, 3), by=accounting)
    with pytest.raises(DomainError, match="Cannot record the funding: the loan is only approved"):
        funding_record_funded(funding=funding, funded_on=date(2026, 11, 20), funded_amount=D("1.00"),
                              dealer_fee=D("0"), by=accounting)  # fmt: skip
    with pytest.raises(DomainError, match="Cannot reconcile"):
        funding_reconcile(funding=funding, by=accounting)
    funding_certificate_signed(funding=funding, signed_on=date(2026, 11, 2), by=accounting)
    with pytest.raises(DomainError, match="before the certificate was signed"):
        funding_request(funding=funding, requested_on=date(2026, 11, 1), by=accounting)
    with pytest.raises(DomainError, match="request the funding first"):
        funding_record_funded(funding=funding, funded_on=date(2026, 11, 20), funded_amount=D("1.00"),
                              dealer_fee=D("0"), by=accounting)  # fmt: skip
    funding_request(funding=funding, requested_on=date(2026, 11, 3), by=accounting)
    with pytest.raises(DomainError, match="before it was requested"):
        funding_record_funded(funding=funding, funded_on=date(2026, 11, 2), funded_amount=D("1.00"),
                              dealer_fee=D("0"), by=accounting)  # fmt: skip
    assert FinanceFunding.objects.get(pk=funding.pk).status == FundingStatus.REQUESTED


def test_funded_credits_the_customer_the_whole_amount_and_keeps_the_fee_off_the_invoice(accounting):
    job = JobFactory()
    invoice = posted_invoice(job, "12000.00")
    funding = funded(accounting, job=job, fee="480.00")
    assert funding.status == FundingStatus.FUNDED
    assert funding.net_received == D("11520.00")
    assert funding.invoice == invoice
    payment = funding.payment
    assert payment.method == PaymentMethod.FINANCE
    assert payment.amount == D("12000.00")
    assert payment.reference == "GS-881"
    invoice.refresh_from_db()
    assert invoice.total == D("12000.00")  # the fee is no discount
    assert invoices_with_open_amounts(Invoice.objects.filter(pk=invoice.pk)).get().open_amount == D("0.00")
    assert customer_balance(job.customer) == D("0.00")


def test_a_funding_larger_than_the_invoice_leaves_the_rest_as_credit(accounting):
    job = JobFactory()
    posted_invoice(job, "10000.00")
    funded(accounting, job=job, amount="10500.00", fee="0.00")
    assert customer_balance(job.customer) == D("-500.00")


def test_the_fee_must_be_below_the_funded_amount(accounting):
    funding = requested(accounting)
    with pytest.raises(DomainError, match="less than the funded amount") as refused:
        funding_record_funded(funding=funding, funded_on=date(2026, 11, 20), funded_amount=D("100.00"),
                              dealer_fee=D("100.00"), by=accounting)  # fmt: skip
    assert refused.value.field == "dealer_fee"


def test_reconciling_without_a_difference_needs_no_explanation(accounting):
    job = JobFactory()
    posted_invoice(job, "12000.00")
    funding = funding_reconcile(funding=funded(accounting, job=job), by=accounting)
    assert funding.status == FundingStatus.RECONCILED
    assert funding.reconciled_by == accounting
    assert funding.payment.reconciled_at is not None
    with pytest.raises(DomainError, match="reconciled"):
        payment_void(payment=funding.payment, reason="Mistake", by=accounting)


def test_a_difference_is_shown_and_must_be_explained(accounting):
    job = JobFactory()
    posted_invoice(job, "12500.00")
    funding = funded(accounting, job=job, amount="12000.00")
    with pytest.raises(DomainError, match="differs from the invoice by −\\$500.00") as refused:
        funding_reconcile(funding=funding, explanation="  ", by=accounting)
    assert refused.value.field == "explanation"
    funding = funding_reconcile(funding=funding, explanation="Customer paid $500 down by check", by=accounting)
    assert funding.status == FundingStatus.RECONCILED
    assert funding.difference_explanation == "Customer paid $500 down by check"


def test_cancel_needs_a_reason_only_before_funding_and_frees_the_job_for_another_loan(accounting):
    job = JobFactory()
    funding = opened(accounting, job=job)
    with pytest.raises(DomainError, match="already has a funding"):
        opened(accounting, job=job)
    with pytest.raises(DomainError, match="why"):
        funding_cancel(funding=funding, reason="", by=accounting)
    funding_cancel(funding=funding, reason="Customer declined the loan", by=accounting)
    assert FinanceFunding.objects.get(pk=funding.pk).cancel_reason == "Customer declined the loan"
    assert opened(accounting, job=job).status == FundingStatus.APPROVED
    posted_invoice(JobFactory(), "1.00")
    done = funded(accounting)
    with pytest.raises(DomainError, match="already received"):
        funding_cancel(funding=done, reason="Changed mind", by=accounting)
