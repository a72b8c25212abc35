"""Payments: partial and over payments, credit applied later, refunds, voids, and what they refuse."""

from datetime import date
from decimal import Decimal

import pytest

from billing.choices import InvoiceKind, PaymentKind, PaymentMethod
from billing.models import Invoice, Payment
from billing.selectors import customer_balance, invoices_with_open_amounts, job_balance
from billing.services import payment_apply_credit, payment_reconcile, payment_record, payment_void, refund_record
from installops.errors import DomainError
from tests.billing.posted import posted_invoice
from tests.jobs.factories import JobFactory

pytestmark = [pytest.mark.django_db, pytest.mark.company_time("2026-11-24 09:00")]

D = Decimal


def open_amount(invoice) -> Decimal:
    return invoices_with_open_amounts(Invoice.objects.filter(pk=invoice.pk)).get().open_amount


def credit_of(payment) -> Decimal:
    from billing.selectors.payments import payment_credit

    return payment_credit(payment)


def pay(customer, amount, applications=(), *, method=PaymentMethod.CHECK, reference="1042", by, day=date(2026, 11, 20)):
    return payment_record(
        customer=customer, method=method, reference=reference, received_on=day, amount=D(amount),
        applications=[(invoice, D(a)) for invoice, a in applications], note="", by=by,
    )  # fmt: skip


def test_a_partial_payment_leaves_the_rest_of_the_invoice_open(accounting):
    invoice = posted_invoice(JobFactory(), "1000.00")
    payment = pay(invoice.customer, "400.00", [(invoice, "400.00")], by=accounting)
    assert open_amount(invoice) == D("600.00")
    assert credit_of(payment) == D("0.00")
    assert customer_balance(invoice.customer) == D("600.00")
    assert Payment.history.filter(id=payment.pk, history_user=accounting).exists()


def test_one_payment_pays_several_invoices_and_the_overpayment_is_credit(accounting):
    job = JobFactory()
    first = posted_invoice(job, "300.00", invoice_date=date(2026, 10, 1))
    second = posted_invoice(JobFactory(customer=job.customer, site=job.site), "200.00")
    payment = pay(job.customer, "650.00", [(first, "300.00"), (second, "200.00")], by=accounting)
    assert (open_amount(first), open_amount(second)) == (D("0.00"), D("0.00"))
    assert credit_of(payment) == D("150.00")
    assert customer_balance(job.customer) == D("-150.00")


def test_a_payment_never_applies_more_than_an_invoice_has_open(accounting):
    invoice = posted_invoice(JobFactory(), "500.00")
    pay(invoice.customer, "300.00", [(invoice, "300.00")], by=accounting)
    with pytest.raises(DomainError, match=r"has \$200.00 open"):
        pay(invoice.customer, "250.00", [(invoice, "250.00")], by=accounting)
    assert open_amount(invoice) == D("200.00")


def test_applications_cannot_exceed_the_payment_nor_reach_another_customer_or_a_draft(accounting):
    invoice = posted_invoice(JobFactory(), "500.00")
    with pytest.raises(DomainError, match="only \\$100.00"):
        pay(invoice.customer, "100.00", [(invoice, "200.00")], by=accounting)
    other = posted_invoice(JobFactory(), "500.00")
    with pytest.raises(DomainError, match="this customer's invoices"):
        pay(invoice.customer, "100.00", [(other, "100.00")], by=accounting)
    Invoice.objects.filter(pk=invoice.pk).update(status="draft", number="", year=None, sequence=None, posted_at=None)
    with pytest.raises(DomainError, match="not a posted invoice"):
        pay(invoice.customer, "100.00", [(invoice, "100.00")], by=accounting)
    assert not Payment.objects.exists()


@pytest.mark.parametrize("method", [PaymentMethod.CHECK, PaymentMethod.CARD, PaymentMethod.ACH])
def test_check_card_and_ach_need_their_reference_cash_does_not(accounting, method):
    invoice = posted_invoice(JobFactory(), "500.00")
    with pytest.raises(DomainError, match="reference") as refused:
        pay(invoice.customer, "100.00", method=method, reference=" ", by=accounting)
    assert refused.value.field == "reference"
    assert pay(invoice.customer, "100.00", method=PaymentMethod.CASH, reference="", by=accounting).pk


def test_a_payment_cannot_be_received_in_the_future_or_be_zero(accounting):
    invoice = posted_invoice(JobFactory(), "500.00")
    with pytest.raises(DomainError, match="future") as refused:
        pay(invoice.customer, "100.00", day=date(2026, 11, 25), by=accounting)
    assert refused.value.field == "received_on"
    with pytest.raises(DomainError, match="above \\$0.00"):
        pay(invoice.customer, "0.00", by=accounting)


def test_credit_is_applied_later_never_beyond_the_credit_or_the_open_amount(accounting):
    job = JobFactory()
    payment = pay(job.customer, "500.00", by=accounting)
    invoice = posted_invoice(job, "300.00")
    with pytest.raises(DomainError, match="has \\$300.00 open"):
        payment_apply_credit(payment=payment, invoice=invoice, amount=D("400.00"), by=accounting)
    payment_apply_credit(payment=payment, invoice=invoice, amount=D("300.00"), by=accounting)
    assert open_amount(invoice) == D("0.00")
    assert credit_of(payment) == D("200.00")
    later = posted_invoice(job, "900.00")
    with pytest.raises(DomainError, match="\\$200.00 of credit left"):
        payment_apply_credit(payment=payment, invoice=later, amount=D("250.00"), by=accounting)


def test_a_refund_gives_back_credit_and_never_more_than_the_credit_held(accounting):
    invoice = posted_invoice(JobFactory(), "800.00")
    payment = pay(invoice.customer, "1000.00", [(invoice, "800.00")], by=accounting)
    with pytest.raises(DomainError, match="\\$200.00 of credit"):
        refund_record(payment=payment, method=PaymentMethod.CHECK, reference="5001", refunded_on=date(2026, 11, 23),
                      amount=D("200.01"), reason="Overpaid", by=accounting)  # fmt: skip
    refund = refund_record(
        payment=payment, method=PaymentMethod.CHECK, reference="5001", refunded_on=date(2026, 11, 23),
        amount=D("200.00"), reason="Overpaid", by=accounting,
    )  # fmt: skip
    assert refund.kind == PaymentKind.REFUND
    assert refund.refund_of == payment
    assert credit_of(payment) == D("0.00")
    assert customer_balance(invoice.customer) == D("0.00")
    with pytest.raises(DomainError, match="\\$0.00 of credit"):
        refund_record(payment=payment, method=PaymentMethod.CASH, reference="", refunded_on=date(2026, 11, 23),
                      amount=D("1.00"), reason="Again", by=accounting)  # fmt: skip


def test_a_refund_needs_a_reason_and_cannot_come_before_the_payment(accounting):
    payment = pay(JobFactory().customer, "100.00", by=accounting)
    with pytest.raises(DomainError, match="why"):
        refund_record(payment=payment, method=PaymentMethod.CASH, reference="", refunded_on=date(2026, 11, 23),
                      amount=D("10.00"), reason=" ", by=accounting)  # fmt: skip
    with pytest.raises(DomainError, match="before the payment"):
        refund_record(payment=payment, method=PaymentMethod.CASH, reference="", refunded_on=date(2026, 11, 19),
                      amount=D("10.00"), reason="Overpaid", by=accounting)  # fmt: skip


def test_a_voided_payment_counts_nowhere_and_keeps_its_reason(accounting):
    invoice = posted_invoice(JobFactory(), "500.00")
    payment = pay(invoice.customer, "600.00", [(invoice, "500.00")], by=accounting)
    with pytest.raises(DomainError, match="why"):
        payment_void(payment=payment, reason="", by=accounting)
    payment_void(payment=payment, reason="Entered on the wrong customer", by=accounting)
    assert open_amount(invoice) == D("500.00")
    assert customer_balance(invoice.customer) == D("500.00")
    record = Payment.history.filter(id=payment.pk).order_by("-history_id").first()
    assert record.history_change_reason == "Voided: Entered on the wrong customer"
    assert record.history_user == accounting
    with pytest.raises(DomainError, match="voided"):
        payment_apply_credit(payment=payment, invoice=invoice, amount=D("10.00"), by=accounting)


def test_a_reconciled_payment_or_one_with_a_refund_cannot_be_voided(accounting):
    customer = JobFactory().customer
    refunded = pay(customer, "100.00", by=accounting)
    refund_record(payment=refunded, method=PaymentMethod.CASH, reference="", refunded_on=date(2026, 11, 23),
                  amount=D("100.00"), reason="Paid twice", by=accounting)  # fmt: skip
    with pytest.raises(DomainError, match="void the refund first"):
        payment_void(payment=refunded, reason="Mistake", by=accounting)
    reconciled = payment_reconcile(payment=pay(customer, "50.00", by=accounting), by=accounting)
    with pytest.raises(DomainError, match="reconciled"):
        payment_void(payment=reconciled, reason="Mistake", by=accounting)


def test_a_credit_note_reduces_what_is_open(accounting):
    invoice = posted_invoice(JobFactory(), "500.00")
    posted_invoice(invoice.job, "100.00", kind=InvoiceKind.CREDIT_NOTE, credited=invoice)
    with pytest.raises(DomainError, match="\\$400.00 open"):
        pay(invoice.customer, "500.00", [(invoice, "500.00")], by=accounting)
    pay(invoice.customer, "400.00", [(invoice, "400.00")], by=accounting)
    assert job_balance(invoice.job) == D("0.00")
