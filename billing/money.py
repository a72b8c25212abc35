"""How billing rounds money: one rule, written down once.

Every amount is a `Decimal` in dollars with two places. A line's amount is quantity × unit price,
rounded to the cent half up (0.005 → 0.01); a taxable line's tax is its rounded amount × the rate,
rounded the same way, line by line; an invoice's total is the sum of its rounded line amounts plus
the sum of its rounded line taxes. Nothing is ever rounded twice and no float is ever involved.
"""

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def cents(value: Decimal | int | str) -> Decimal:
    """`value` rounded to the cent, half up."""
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def line_amount(quantity: Decimal, unit_price: Decimal) -> Decimal:
    return cents(Decimal(quantity) * Decimal(unit_price))


def line_tax(amount: Decimal, rate: Decimal, *, taxable: bool) -> Decimal:
    return cents(Decimal(amount) * Decimal(rate)) if taxable else ZERO


def dollars(value: Decimal) -> str:
    """ "$1,234.50", "−$20.00": how money reads on pages and PDFs."""
    sign = "−" if value < 0 else ""
    return f"{sign}${abs(cents(value)):,.2f}"
