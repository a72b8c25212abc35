"""`{{ amount|dollars }}`: money as billing.money.dollars writes it."""

from decimal import Decimal

from django import template

from billing import money

register = template.Library()


@register.filter
def dollars(value) -> str:
    if value is None or value == "":
        return ""
    return money.dollars(Decimal(value))
