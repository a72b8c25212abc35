"""The aging buckets: days past due count company days, from the due date (or the invoice date without
one), and a day turns only at midnight in the company's zone."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from billing.choices import AgingBucket
from billing.selectors import aging_rows, aging_totals
from installops.clock import company_today
from tests.jobs.factories import CustomerFactory

from .ledger import apply, payment, posted_credit_note, posted_invoice

pytestmark = pytest.mark.django_db

DAY = date(2026, 11, 24)


def buckets_of(customer, as_of=None):
    rows = [row for row in aging_rows(as_of=as_of or company_today()) if row.customer_id == customer.pk]
    assert len(rows) == 1
    return {bucket: amount for bucket, amount in rows[0].buckets.items() if amount}


@pytest.mark.parametrize(
    ("days_past_due", "bucket"),
    [
        (-5, AgingBucket.CURRENT),
        (0, AgingBucket.CURRENT),
        (1, AgingBucket.DAYS_1_30),
        (30, AgingBucket.DAYS_1_30),
        (31, AgingBucket.DAYS_31_60),
        (60, AgingBucket.DAYS_31_60),
        (61, AgingBucket.DAYS_61_90),
        (90, AgingBucket.DAYS_61_90),
        (91, AgingBucket.OVER_90),
        (400, AgingBucket.OVER_90),
    ],
)
def test_each_boundary_falls_in_its_bucket(days_past_due, bucket):
    customer = CustomerFactory()
    due = DAY - timedelta(days=days_past_due)
    posted_invoice(customer=customer, on=min(due, DAY) - timedelta(days=15), due=due, total="100.00")

    assert buckets_of(customer, DAY) == {bucket.value: Decimal("100.00")}


def test_without_a_due_date_the_invoice_date_counts():
    customer = CustomerFactory()
    posted_invoice(customer=customer, on=DAY - timedelta(days=31), total="250.00")

    assert buckets_of(customer, DAY) == {AgingBucket.DAYS_31_60.value: Decimal("250.00")}


@pytest.mark.company_time("2026-11-24 23:59")
def test_at_a_minute_to_midnight_an_invoice_due_today_is_current_and_one_due_30_days_ago_is_1_30():
    customer = CustomerFactory()
    posted_invoice(customer=customer, on=date(2026, 11, 1), due=date(2026, 11, 24), total="100.00")
    posted_invoice(customer=customer, on=date(2026, 10, 1), due=date(2026, 10, 25), total="40.00")

    assert buckets_of(customer) == {AgingBucket.CURRENT.value: Decimal("100.00"), "1_30": Decimal("40.00")}


@pytest.mark.company_time("2026-11-25 00:00")
def test_at_midnight_the_company_day_turns_and_both_move_on():
    customer = CustomerFactory()
    posted_invoice(customer=customer, on=date(2026, 11, 1), due=date(2026, 11, 24), total="100.00")
    posted_invoice(customer=customer, on=date(2026, 10, 1), due=date(2026, 10, 25), total="40.00")

    assert buckets_of(customer) == {"1_30": Decimal("100.00"), "31_60": Decimal("40.00")}


def test_open_amounts_take_off_payments_and_credit_notes_and_paid_invoices_drop_out():
    customer = CustomerFactory()
    partly = posted_invoice(customer=customer, on=DAY - timedelta(days=45), total="1000.00")
    paid = posted_invoice(customer=customer, on=DAY - timedelta(days=10), total="300.00")
    check = payment(customer=customer, on=DAY - timedelta(days=5), amount="700.00")
    apply(check, partly, "400.00")
    apply(check, paid, "300.00")
    posted_credit_note(invoice=partly, on=DAY - timedelta(days=3), total="100.00")

    assert buckets_of(customer, DAY) == {"31_60": Decimal("500.00")}


def test_as_of_an_earlier_day_counts_only_what_had_happened_by_then():
    customer = CustomerFactory()
    invoice = posted_invoice(customer=customer, on=date(2026, 9, 1), total="800.00")
    apply(payment(customer=customer, on=date(2026, 11, 1), amount="800.00"), invoice, "800.00")
    posted_invoice(customer=customer, on=date(2026, 11, 20), total="99.00")

    assert buckets_of(customer, date(2026, 10, 15)) == {"31_60": Decimal("800.00")}
    assert buckets_of(customer, DAY) == {"1_30": Decimal("99.00")}


def test_unapplied_payments_less_refunds_are_shown_as_credit_and_totals_add_up():
    owing, ahead = CustomerFactory(name="Alma Owing"), CustomerFactory(name="Bea Ahead")
    posted_invoice(customer=owing, on=DAY - timedelta(days=70), total="120.00")
    posted_invoice(customer=owing, on=DAY, total="30.00")
    payment(customer=ahead, on=DAY - timedelta(days=2), amount="500.00")
    payment(customer=ahead, on=DAY - timedelta(days=1), amount="200.00", kind="refund")

    rows = aging_rows(as_of=DAY)
    totals = aging_totals(rows)

    assert [(row.customer_name, row.total, row.credit) for row in rows] == [
        ("Alma Owing", Decimal("150.00"), Decimal("0.00")),
        ("Bea Ahead", Decimal("0.00"), Decimal("300.00")),
    ]
    assert totals.buckets == {
        "current": Decimal("30.00"), "1_30": Decimal("0.00"), "31_60": Decimal("0.00"),
        "61_90": Decimal("120.00"), "over_90": Decimal("0.00"),
    }  # fmt: skip
    assert totals.credit == Decimal("300.00")


def test_drafts_and_other_customers_do_not_count():
    from .factories import InvoiceFactory

    customer = CustomerFactory()
    posted_invoice(customer=customer, on=DAY, total="10.00")
    InvoiceFactory(job__customer=customer, total=Decimal("999.00"))

    assert buckets_of(customer, DAY) == {"current": Decimal("10.00")}
