"""Two people record a payment to the same invoice at the same moment: the invoice is never over-applied."""

from datetime import date
from decimal import Decimal

import pytest

from billing.choices import PaymentMethod
from billing.models import Invoice, Payment, PaymentApplication
from billing.selectors import invoices_with_open_amounts
from billing.services import payment_apply_credit, payment_record
from installops.errors import DomainError
from tests.billing.posted import posted_invoice
from tests.concurrency import two_at_once
from tests.jobs.factories import JobFactory

pytestmark = pytest.mark.company_time("2026-11-24 09:00")


@pytest.mark.django_db(transaction=True)
def test_two_payments_of_the_whole_open_amount_at_once_one_is_refused(accounting):
    invoice = posted_invoice(JobFactory(), "700.00")

    def record():
        return payment_record(
            customer=invoice.customer, method=PaymentMethod.CHECK, reference="77", received_on=date(2026, 11, 24),
            amount=Decimal("700.00"), applications=[(invoice, Decimal("700.00"))], note="", by=accounting,
        )  # fmt: skip

    outcomes = two_at_once(record, record)

    assert isinstance(outcomes["first"], Payment), outcomes
    assert isinstance(outcomes["second"], DomainError), outcomes
    assert "$0.00 open" in outcomes["second"].message
    assert Payment.objects.count() == 1
    open_amount = invoices_with_open_amounts(Invoice.objects.filter(pk=invoice.pk)).get().open_amount
    assert open_amount == Decimal("0.00")


@pytest.mark.django_db(transaction=True)
def test_credit_applied_twice_at_once_is_applied_once(accounting):
    invoice = posted_invoice(JobFactory(), "900.00")
    payment = payment_record(
        customer=invoice.customer, method=PaymentMethod.CASH, reference="", received_on=date(2026, 11, 20),
        amount=Decimal("500.00"), applications=[], note="", by=accounting,
    )  # fmt: skip

    def apply():
        return payment_apply_credit(payment=payment, invoice=invoice, amount=Decimal("500.00"), by=accounting)

    outcomes = two_at_once(apply, apply)

    assert isinstance(outcomes["first"], PaymentApplication), outcomes
    assert isinstance(outcomes["second"], DomainError), outcomes
    assert PaymentApplication.objects.filter(payment=payment).count() == 1
