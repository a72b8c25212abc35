"""Drafting an invoice from the job's records, and editing the draft."""

from datetime import date
from decimal import Decimal

import pytest

from billing.choices import ChangeOrderStatus, LineKind
from billing.models import Invoice
from billing.services import (
    change_order_add,
    change_order_decide,
    invoice_draft_from_job,
    invoice_line_add,
    invoice_line_remove,
    invoice_line_update,
    invoice_update_header,
)
from installops.errors import DomainError
from tests.billing.invoice_helpers import HELPER_RATE, LEAD_RATE, billable_job

pytestmark = [pytest.mark.django_db, pytest.mark.company_time("2026-11-24 09:00")]


def test_a_draft_carries_the_contract_labor_per_person_and_each_unit(accounting):
    job, lead, helper = billable_job(contract=Decimal("9000.00"))

    invoice, created = invoice_draft_from_job(job=job, by=accounting)

    assert created
    assert invoice.invoice_date == date(2026, 11, 24)
    assert invoice.due_date == date(2026, 12, 24)  # 30 days' terms
    assert invoice.tax_rate == Decimal("0.0775")
    assert invoice.primary_employee == lead
    lines = list(invoice.lines.order_by("position"))
    kinds = [line.kind for line in lines]
    assert kinds == [LineKind.DESCRIPTION, LineKind.LABOR, LineKind.LABOR, LineKind.EQUIPMENT]
    labor = {line.employee: line for line in lines if line.kind == LineKind.LABOR}
    assert labor[lead].quantity == Decimal("8")
    assert labor[lead].unit_price == LEAD_RATE
    assert labor[helper].quantity == Decimal("6.5")
    assert labor[helper].unit_price == HELPER_RATE
    assert "6.5 h at $65.00/h" in labor[helper].description
    assert not labor[lead].taxable
    unit = lines[-1]
    assert (unit.model_number, unit.serial_number, unit.warranty_parts_years, unit.warranty_labor_years) == (
        "24ACC636",
        "SN-1001",
        10,
        1,
    )
    assert unit.warranty_registration == "Registered, conf. #WR-1001"
    # The contract is the customer's all-in price: labor, the taxed contract line and its tax add up to it.
    assert invoice.total == Decimal("9000.00")
    assert invoice.subtotal + invoice.tax == invoice.total
    assert invoice.tax == lines[0].tax


def test_drafting_again_opens_the_same_draft(accounting):
    job, _, _ = billable_job()
    first, _ = invoice_draft_from_job(job=job, by=accounting)
    again, created = invoice_draft_from_job(job=job, by=accounting)
    assert again.pk == first.pk
    assert not created
    assert Invoice.objects.filter(job=job).count() == 1


def test_lines_added_changed_and_removed_keep_the_totals_right(accounting):
    job, _, _ = billable_job()
    invoice, _ = invoice_draft_from_job(job=job, by=accounting)
    before = Invoice.objects.get(pk=invoice.pk).total

    filter_line = invoice_line_add(
        invoice=invoice, by=accounting, kind=LineKind.PART, description="MERV 11 filter", quantity=Decimal("2"),
        unit_price=Decimal("24.99"),
    )  # fmt: skip
    invoice.refresh_from_db()
    assert filter_line.taxable
    assert invoice.total == before + Decimal("49.98") + Decimal("3.87")  # 49.98 × 0.0775 = 3.873 → 3.87

    invoice_line_add(
        invoice=invoice, by=accounting, kind=LineKind.REBATE, description="Utility rebate", unit_price=Decimal("300")
    )
    invoice.refresh_from_db()
    assert invoice.total == before + Decimal("49.98") + Decimal("3.87") - Decimal("300.00")

    invoice_line_update(
        line=filter_line, by=accounting, description="MERV 13 filter", quantity=Decimal("1"),
        unit_price=Decimal("30.00"), taxable=False,
    )  # fmt: skip
    invoice.refresh_from_db()
    assert invoice.total == before + Decimal("30.00") - Decimal("300.00")

    invoice_line_remove(line=filter_line, by=accounting)
    invoice.refresh_from_db()
    assert invoice.total == before - Decimal("300.00")


def test_a_negative_price_is_refused_in_words(accounting):
    job, _, _ = billable_job()
    invoice, _ = invoice_draft_from_job(job=job, by=accounting)
    with pytest.raises(DomainError) as refusal:
        invoice_line_add(
            invoice=invoice, by=accounting, kind=LineKind.DISCOUNT, description="x", unit_price=Decimal("-5")
        )
    assert refusal.value.field == "unit_price"


def test_the_header_moves_the_due_date_with_the_invoice_date(accounting):
    job, _, _ = billable_job()
    invoice, _ = invoice_draft_from_job(job=job, by=accounting)
    invoice_update_header(invoice=invoice, by=accounting, invoice_date=date(2026, 11, 20), due_date=None)
    invoice.refresh_from_db()
    assert invoice.due_date == date(2026, 12, 20)
    with pytest.raises(DomainError):
        invoice_update_header(
            invoice=invoice, by=accounting, invoice_date=date(2026, 11, 20), due_date=date(2026, 11, 1)
        )


def test_tax_rate_change_recomputes_every_taxed_line(accounting):
    job, _, _ = billable_job()
    invoice, _ = invoice_draft_from_job(job=job, by=accounting)
    invoice_update_header(invoice=invoice, by=accounting, tax_rate=Decimal("0"))
    invoice.refresh_from_db()
    assert invoice.tax == Decimal("0.00")
    assert invoice.total == invoice.subtotal


def test_an_approved_change_order_needs_a_date_and_lands_on_the_draft(accounting):
    job, _, _ = billable_job()
    invoice, _ = invoice_draft_from_job(job=job, by=accounting)
    order = change_order_add(job=job, by=accounting, description="Add a return drop", amount=Decimal("450"))
    with pytest.raises(DomainError) as refusal:
        change_order_decide(change_order=order, by=accounting, approve=True)
    assert refusal.value.field == "approved_on"

    change_order_decide(change_order=order, by=accounting, approve=True, approved_on=date(2026, 11, 20))

    order.refresh_from_db()
    assert order.status == ChangeOrderStatus.APPROVED
    line = invoice.lines.get(kind=LineKind.CHANGE_ORDER)
    assert line.change_order == order
    assert line.amount == Decimal("450.00")
    invoice.refresh_from_db()
    assert invoice.total == Decimal("9450.00")


def test_a_declined_change_order_stays_off_the_invoice(accounting):
    job, _, _ = billable_job()
    order = change_order_add(job=job, by=accounting, description="Zoning", amount=Decimal("900"))
    change_order_decide(change_order=order, by=accounting, approve=False)
    invoice, _ = invoice_draft_from_job(job=job, by=accounting)
    assert not invoice.lines.filter(change_order=order).exists()
    with pytest.raises(DomainError):
        change_order_decide(change_order=order, by=accounting, approve=True, approved_on=date(2026, 11, 20))


def test_a_line_too_large_for_the_books_is_refused_in_words(accounting):
    job, _, _ = billable_job()
    invoice, _ = invoice_draft_from_job(job=job, by=accounting)
    with pytest.raises(DomainError, match="more than an invoice can hold"):
        invoice_line_add(
            invoice=invoice, by=accounting, kind=LineKind.PART, description="Typo", quantity=Decimal("9999999.99"),
            unit_price=Decimal("9999999999.99"),
        )  # fmt: skip
    assert invoice.lines.filter(description="Typo").count() == 0
