"""The customer's statement: the ledger of a range of days, the balance brought forward, the aging
and the amount due, as a PDF whose text says so."""

import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from pypdf import PdfReader

from billing.selectors import customer_statement
from tests.jobs.factories import CustomerFactory

from .ledger import apply, payment, posted_credit_note, posted_invoice

pytestmark = [pytest.mark.django_db, pytest.mark.company_time("2026-11-24 09:00")]
TODAY = date(2026, 11, 24)


@pytest.fixture
def customer():
    customer = CustomerFactory(name="Hal Statement", billing_street="12 Elm Ave")
    old = posted_invoice(customer=customer, on=date(2026, 6, 1), total="400.00")
    apply(payment(customer=customer, on=date(2026, 6, 20), amount="150.00"), old, "150.00")
    recent = posted_invoice(customer=customer, on=date(2026, 10, 5), due=date(2026, 10, 20), total="1000.00")
    posted_credit_note(invoice=recent, on=date(2026, 10, 12), total="50.00")
    apply(payment(customer=customer, on=date(2026, 11, 1), amount="300.00"), recent, "300.00")
    posted_invoice(customer=customer, on=date(2026, 11, 30), total="77.00")  # after the statement's end
    return customer


def test_the_statement_brings_the_balance_forward_and_ends_with_the_amount_due(customer):
    statement = customer_statement(customer=customer, start=date(2026, 9, 1), end=TODAY)

    assert statement.opening_balance == Decimal("250.00")
    assert [(entry.kind, entry.balance) for entry in statement.entries] == [
        ("invoice", Decimal("1250.00")), ("credit_note", Decimal("1200.00")), ("payment", Decimal("900.00")),
    ]  # fmt: skip
    assert statement.closing_balance == statement.amount_due == Decimal("900.00")
    assert statement.aging["over_90"] == Decimal("250.00")
    assert statement.aging["31_60"] == Decimal("650.00")


def test_the_pdf_reads_as_a_statement(client_as, accounting, customer):
    url = reverse("billing:customer_statement", args=[customer.pk])

    response = client_as(accounting).get(url, {"start": "2026-09-01", "end": "2026-11-24"})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    for words in ("Statement of account", "Hal Statement", "12 Elm Ave", "Opening balance", "$250.00",
                  "Amount due: $900.00", "Closing balance", "Credit note", "Over 90 days", "31–60 days"):  # fmt: skip
        assert words in text, words
    assert "$77.00" not in text


def test_without_dates_the_statement_covers_the_last_90_days_and_bad_dates_fall_back(client_as, accounting, customer):
    client = client_as(accounting)
    url = reverse("billing:customer_statement", args=[customer.pk])

    plain = client.get(url)
    backwards = client.get(url, {"start": "2026-11-20", "end": "2026-11-01"})

    for response in (plain, backwards):
        assert response.status_code == 200
        text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
        assert "From August 26, 2026 to November 24, 2026" in text


def test_a_customer_owed_money_is_told_so():
    customer = CustomerFactory()
    payment(customer=customer, on=TODAY - timedelta(days=1), amount="80.00")

    statement = customer_statement(customer=customer, start=TODAY - timedelta(days=30), end=TODAY)

    assert statement.closing_balance == Decimal("-80.00")
    assert statement.amount_due == Decimal("0.00")
    assert statement.owed_to_customer == Decimal("80.00")
    assert statement.credit == Decimal("80.00")
