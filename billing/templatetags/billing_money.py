"""`{{ amount|dollars }}`: money as billing shows it everywhere ("$1,234.50", "−$20.00")."""

from django import template

from billing import money

register = template.Library()


@register.filter
def dollars(value) -> str:
    if value is None or value == "":
        return "—"
    return money.dollars(value)
