"""The payment pages' forms: find the customer, record a payment, apply credit, refund, void, the list's filter.

A form checks its own input; the rules (open amounts, credit held, references) are the services' words.
"""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError

from installops.clock import company_today
from installops.forms import Form

from ..choices import PaymentKind, PaymentMethod
from ..services.payments import DESK_METHODS, REFUND_METHODS

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MONEY = {"max_digits": 12, "decimal_places": 2, "widget": forms.NumberInput(attrs={"step": "0.01"})}


def _choices(methods) -> list[tuple[str, str]]:
    return [(method.value, method.label) for method in methods]


class CustomerFindForm(Form):
    q = forms.CharField(label="Customer", required=False, max_length=100, help_text="Name, phone or email.")


class PaymentRecordForm(Form):
    """The payment, and one "apply" amount per open invoice of the customer (`apply_<invoice id>`)."""

    method = forms.ChoiceField(choices=_choices(DESK_METHODS))
    reference = forms.CharField(required=False, max_length=80, help_text="Check number, card authorisation, ACH trace.")
    received_on = forms.DateField(widget=DATE_INPUT)
    amount = forms.DecimalField(min_value=Decimal("0.01"), **MONEY)
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, open_invoices=(), suggested=None, **kwargs):
        kwargs.setdefault("initial", {"received_on": company_today()})
        super().__init__(*args, **kwargs)
        self.open_invoices = list(open_invoices)
        for invoice in self.open_invoices:
            name = f"apply_{invoice.pk}"
            self.fields[name] = forms.DecimalField(
                label=f"Apply to {invoice.number}", required=False, min_value=Decimal("0"), **MONEY
            )
            if suggested and invoice.pk in suggested:
                self.initial[name] = suggested[invoice.pk]

    def invoice_rows(self):
        """(invoice, its "apply" field) for the template's table."""
        return [(invoice, self[f"apply_{invoice.pk}"]) for invoice in self.open_invoices]

    def applications(self) -> list:
        return [
            (invoice, self.cleaned_data.get(f"apply_{invoice.pk}"))
            for invoice in self.open_invoices
            if self.cleaned_data.get(f"apply_{invoice.pk}")
        ]


class SuggestForm(Form):
    """`?amount=` on the record page: spread that much over the open invoices, oldest first; `?invoice=`
    (from an invoice's page): the payment pays that invoice's open amount."""

    amount = forms.DecimalField(required=False, min_value=Decimal("0.01"), max_digits=12, decimal_places=2)
    invoice = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)


class ApplyCreditForm(Form):
    invoice = forms.TypedChoiceField(coerce=int, label="Invoice")
    amount = forms.DecimalField(min_value=Decimal("0.01"), **MONEY)

    def __init__(self, *args, open_invoices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.open_invoices = {invoice.pk: invoice for invoice in open_invoices}
        self.fields["invoice"].choices = [
            (invoice.pk, f"{invoice.number} — {invoice.open_amount} open") for invoice in open_invoices
        ]

    def clean_invoice(self):
        return self.open_invoices[self.cleaned_data["invoice"]]


class RefundForm(Form):
    method = forms.ChoiceField(choices=_choices(REFUND_METHODS), label="Refunded by")
    reference = forms.CharField(required=False, max_length=80, help_text="Check number, card authorisation, ACH trace.")
    refunded_on = forms.DateField(widget=DATE_INPUT)
    amount = forms.DecimalField(min_value=Decimal("0.01"), **MONEY)
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"refunded_on": company_today()})
        super().__init__(*args, **kwargs)


class VoidForm(Form):
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), help_text="Why it was entered by mistake.")


class ReconcileForm(Form):
    """Nothing to fill in: the button says the bank shows the deposit."""


class PaymentFilterForm(Form):
    received_from = forms.DateField(required=False, widget=DATE_INPUT, label="From")
    received_to = forms.DateField(required=False, widget=DATE_INPUT, label="To")
    method = forms.ChoiceField(required=False, choices=[("", "Any method"), *PaymentMethod.choices])
    kind = forms.ChoiceField(required=False, choices=[("", "Payments and refunds"), *PaymentKind.choices])

    def clean(self):
        data = super().clean()
        start, end = data.get("received_from"), data.get("received_to")
        if start and end and start > end:
            raise ValidationError("The first day comes after the last.")
        return data
