"""The accounting export: its header, one row per document with the documented signs, its order, and
the same bytes for the same range on every run."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from billing.choices import FundingStatus
from billing.selectors import EXPORT_COLUMNS, accounting_export_csv
from tests.jobs.factories import CustomerFactory, FinanceCompanyFactory

from .factories import FinanceFundingFactory
from .ledger import payment, posted_credit_note, posted_invoice

pytestmark = [pytest.mark.django_db, pytest.mark.company_time("2026-11-24 09:00")]
URL = reverse("billing:export")
HEADER = "date,type,number,customer_id,customer,job,applies_to,method,reference,net,tax,amount"


@pytest.fixture
def books():
    customer = CustomerFactory(name="Ada Books")
    invoice = posted_invoice(customer=customer, on=date(2026, 11, 3), total="1077.50", tax=Decimal("77.50"),
                             subtotal=Decimal("1000.00"))  # fmt: skip
    credit = posted_credit_note(invoice=invoice, on=date(2026, 11, 3), total="20.00")
    check = payment(customer=customer, on=date(2026, 11, 2), amount="500.00")
    refund = payment(customer=customer, on=date(2026, 11, 9), amount="25.00", kind="refund", method="card")
    funded = payment(customer=customer, on=date(2026, 11, 10), amount="9000.00", method="finance")
    funding = FinanceFundingFactory(
        job=invoice.job, finance_company=FinanceCompanyFactory(name="GreenSky"), status=FundingStatus.FUNDED,
        loan_number="L-77", funded_on=date(2026, 11, 10), funded_amount=Decimal("9000.00"),
        dealer_fee=Decimal("540.00"), payment=funded,
    )  # fmt: skip
    FinanceFundingFactory(status=FundingStatus.REQUESTED)  # another job's loan, not funded: no fee yet
    posted_invoice(customer=customer, on=date(2026, 12, 1), total="5.00")  # outside the range
    return {"customer": customer, "invoice": invoice, "credit": credit, "check": check, "refund": refund,
            "funded": funded, "funding": funding}  # fmt: skip


def rows_of(content: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8"))))


def test_one_row_per_document_with_its_sign_in_date_then_type_order(books):
    content = accounting_export_csv(start=date(2026, 11, 1), end=date(2026, 11, 30))

    assert content.decode().split("\r\n")[0] == HEADER
    assert HEADER.split(",") == EXPORT_COLUMNS
    rows = rows_of(content)
    customer_id = str(books["customer"].pk)
    job = books["invoice"].job.number
    assert [(row["date"], row["type"], row["number"], row["amount"]) for row in rows] == [
        ("2026-11-02", "payment", f"PMT-{books['check'].pk:06d}", "-500.00"),
        ("2026-11-03", "invoice", books["invoice"].number, "1077.50"),
        ("2026-11-03", "credit_note", books["credit"].number, "-20.00"),
        ("2026-11-09", "refund", f"RFD-{books['refund'].pk:06d}", "25.00"),
        ("2026-11-10", "payment", f"PMT-{books['funded'].pk:06d}", "-9000.00"),
        ("2026-11-10", "dealer_fee", f"FEE-{books['funding'].pk:06d}", "540.00"),
    ]
    invoice, credit = rows[1], rows[2]
    assert (invoice["net"], invoice["tax"], invoice["customer_id"], invoice["job"]) == (
        "1000.00",
        "77.50",
        customer_id,
        job,
    )
    assert credit["applies_to"] == books["invoice"].number
    assert (rows[0]["method"], rows[0]["tax"]) == ("check", "0.00")
    fee = rows[5]
    assert (fee["method"], fee["reference"], fee["applies_to"]) == ("GreenSky", "L-77", rows[4]["number"])


def test_the_same_range_gives_the_same_bytes(client_as, accounting, books):
    client = client_as(accounting)
    answer = {"start": "2026-11-01", "end": "2026-11-30"}

    first = client.get(URL, answer)
    second = client.get(URL, answer)

    assert first.status_code == 200
    assert first["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="accounting-2026-11-01-to-2026-11-30.csv"' in first["Content-Disposition"]
    assert first.content == second.content
    assert first.content == accounting_export_csv(start=date(2026, 11, 1), end=date(2026, 11, 30))


def test_text_a_spreadsheet_would_run_is_quoted(books):
    books["customer"].name = "=HYPERLINK(1)"
    books["customer"].save()

    rows = rows_of(accounting_export_csv(start=date(2026, 11, 2), end=date(2026, 11, 2)))

    assert rows[0]["customer"] == "'=HYPERLINK(1)"


def test_the_form_refuses_a_range_that_runs_backwards_and_others_are_refused(client_as, accounting, coordinator):
    client = client_as(accounting)

    blank = client.get(URL)
    backwards = client.get(URL, {"start": "2026-11-30", "end": "2026-11-01"})

    assert blank.status_code == 200
    assert backwards.status_code == 400
    assert "The last day comes on or after the first." in backwards.content.decode()
    assert 'value="2026-11-30"' in backwards.content.decode()
    assert client_as(coordinator).get(URL, {"start": "2026-11-01", "end": "2026-11-30"}).status_code == 403
