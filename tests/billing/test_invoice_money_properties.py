"""Property tests of billing.money's one rounding rule and of the totals the services write with it."""

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from billing.choices import CREDIT_LINE_KINDS, LineKind
from billing.models import Invoice, InvoiceLine
from billing.money import ZERO, cents, dollars, line_amount, line_tax
from billing.services import invoice_recompute
from tests.billing.factories import InvoiceFactory

quantities = st.decimals(min_value=0, max_value=Decimal("9999.99"), places=2)
prices = st.decimals(min_value=0, max_value=Decimal("99999.99"), places=2)
rates = st.decimals(min_value=0, max_value=Decimal("0.2"), places=4)
kinds = st.sampled_from([LineKind.PART, LineKind.LABOR, LineKind.EQUIPMENT, LineKind.DISCOUNT, LineKind.REBATE])


@given(quantities, prices)
def test_a_line_amount_is_the_exact_product_rounded_half_up_to_the_cent(quantity, price):
    amount = line_amount(quantity, price)
    assert amount == amount.quantize(Decimal("0.01"))
    assert abs(amount - quantity * price) <= Decimal("0.005")
    # Half up: a product exactly between two cents goes to the upper one.
    assert amount >= quantity * price - Decimal("0.005")


@given(prices, rates, st.booleans())
def test_tax_is_the_rounded_amount_times_the_rate_and_none_when_not_taxable(amount, rate, taxable):
    tax = line_tax(amount, rate, taxable=taxable)
    if not taxable:
        assert tax == ZERO
    else:
        assert tax == cents(amount * rate)
        assert Decimal("0") <= tax <= cents(amount * Decimal("0.2"))


def test_half_a_cent_rounds_up():
    assert line_amount(Decimal("1"), Decimal("0.005")) == Decimal("0.01")
    assert line_tax(Decimal("10.00"), Decimal("0.0775"), taxable=True) == Decimal("0.78")  # 0.775 → 0.78
    assert dollars(Decimal("-20")) == "−$20.00"


@pytest.mark.django_db
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.tuples(kinds, quantities, prices, st.booleans()), min_size=1, max_size=8), rates)
def test_the_invoice_total_is_the_sum_of_rounded_lines_and_their_taxes(lines, rate):
    invoice = InvoiceFactory(tax_rate=rate)
    InvoiceLine.objects.bulk_create(
        InvoiceLine(invoice=invoice, position=i, kind=kind, description="x", quantity=q, unit_price=p, taxable=t)
        for i, (kind, q, p, t) in enumerate(lines)
    )
    expected_amounts = [
        -line_amount(q, p) if kind in CREDIT_LINE_KINDS else line_amount(q, p) for kind, q, p, _ in lines
    ]
    expected_subtotal = sum(expected_amounts, ZERO)
    expected_tax = sum(
        (line_tax(amount, rate, taxable=t) for amount, (_, _, _, t) in zip(expected_amounts, lines, strict=True)), ZERO
    )
    if expected_subtotal + expected_tax < 0:
        with pytest.raises(Exception, match="negative"):
            invoice_recompute(invoice)
        return
    invoice_recompute(invoice)
    assert invoice.subtotal == expected_subtotal
    assert invoice.tax == expected_tax
    assert invoice.total == expected_subtotal + expected_tax
    stored = list(InvoiceLine.objects.filter(invoice=invoice).order_by("position"))
    assert [line.amount for line in stored] == expected_amounts
    assert sum((line.amount + line.tax for line in stored), ZERO) == invoice.total
    Invoice.objects.filter(pk=invoice.pk).delete()
