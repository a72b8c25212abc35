from decimal import Decimal

from django import template

from billing.money import dollars

register = template.Library()


@register.filter(name="dollars")
def dollars_filter(value: Decimal | None) -> str:
    """ "$1,234.50" (billing.money's one rule); empty for no value."""
    return "" if value is None or value == "" else dollars(Decimal(value))
