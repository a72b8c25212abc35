"""`{{ amount|dollars }}`: money as billing.money.dollars writes it."""

from django import template

from ..money import dollars as _dollars

register = template.Library()


@register.filter
def dollars(value):
    if value is None or value == "":
        return ""
    return _dollars(value)
