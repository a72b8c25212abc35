"""The demo's receivables show every aging bucket and every state of a promise, and are made once."""

from datetime import date

import pytest

from billing.models import CollectionNote, Invoice, Payment
from billing.selectors import aging_rows, aging_totals, collection_notes_for
from demo.billing_receivables import SCENARIOS, seed_receivables
from jobs.choices import JobStatus
from tests.jobs.factories import JobFactory

pytestmark = [pytest.mark.django_db, pytest.mark.company_time("2026-11-24 09:00")]
TODAY = date(2026, 11, 24)


def test_every_bucket_and_every_promise_state_is_shown_once(accounting):
    for _ in SCENARIOS:
        JobFactory(status=JobStatus.CLOSED)

    made = seed_receivables(by=accounting, today=TODAY)
    again = seed_receivables(by=accounting, today=TODAY)

    assert (made, again) == (len(SCENARIOS), 0)
    rows = aging_rows(as_of=TODAY)
    totals = aging_totals(rows)
    assert all(amount > 0 for amount in totals.buckets.values()), totals.buckets
    assert totals.credit > 0
    states = set()
    for customer_id in CollectionNote.objects.values_list("customer_id", flat=True).distinct():
        customer = CollectionNote.objects.filter(customer_id=customer_id).first().customer
        payments = list(Payment.objects.filter(customer=customer))
        states |= {row.state for row in collection_notes_for(customer=customer, payments=payments, today=TODAY)}
    assert {"kept", "broken", "due_today", "pending"} <= states
    numbers = list(Invoice.objects.filter(kind="invoice").order_by("sequence").values_list("number", flat=True))
    assert numbers[0] == "INV-2026-00001"
    assert Invoice.objects.filter(kind="credit_note").count() == 1
    assert Payment.objects.filter(kind="refund").count() == 1
