from decimal import Decimal

from django import forms

from installops.clock import company_today
from installops.forms import Form
from people.models import Employee

from ..choices import DeliveryMethod, DeliveryStatus, InvoiceKind, InvoiceStatus, LineKind
from ..models import InvoiceDelivery

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MONEY = {"max_digits": 12, "decimal_places": 2}
ADDABLE_KINDS = [
    (LineKind.PART.value, LineKind.PART.label),
    (LineKind.LABOR.value, LineKind.LABOR.label),
    (LineKind.DISCOUNT.value, LineKind.DISCOUNT.label),
    (LineKind.REBATE.value, LineKind.REBATE.label),
    (LineKind.OTHER.value, LineKind.OTHER.label),
]


class InvoiceFilterForm(Form):
    """The invoice list's filters (GET): a refused value shows the list without it."""

    status = forms.ChoiceField(choices=[("", "Any status"), *InvoiceStatus.choices], required=False)
    kind = forms.ChoiceField(choices=[("", "Invoices and credit notes"), *InvoiceKind.choices], required=False)
    date_from = forms.DateField(label="From", required=False, widget=DATE_INPUT)
    date_to = forms.DateField(label="To", required=False, widget=DATE_INPUT)
    q = forms.CharField(label="Customer, job or number", required=False, max_length=100)


class InvoiceHeaderForm(Form):
    invoice_date = forms.DateField(required=False, widget=DATE_INPUT)
    due_date = forms.DateField(required=False, widget=DATE_INPUT, help_text="Left empty: the terms from the date.")
    description = forms.CharField(label="Description of work", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    primary_employee = forms.ModelChoiceField(
        queryset=Employee.objects.filter(active=True).select_related("user"), required=False
    )
    tax_rate = forms.DecimalField(
        max_digits=6, decimal_places=4, min_value=Decimal("0"), max_value=Decimal("0.2"),
        help_text="A fraction: 0.0775 for 7.75%.",
    )  # fmt: skip
    difference_explanation = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Why the total differs from the contract plus approved change orders.",
    )  # fmt: skip
    reason = forms.CharField(label="Reason for the credit", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    notes = forms.CharField(label="Note to the customer", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, credit_note: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if credit_note:
            del self.fields["difference_explanation"]
        else:
            del self.fields["reason"]


class InvoiceLineAddForm(Form):
    kind = forms.ChoiceField(choices=ADDABLE_KINDS)
    description = forms.CharField(max_length=300)
    quantity = forms.DecimalField(max_digits=9, decimal_places=2, min_value=Decimal("0"), initial=Decimal("1"))
    unit_price = forms.DecimalField(label="Price", min_value=Decimal("0"), **MONEY)
    taxable = forms.BooleanField(required=False, help_text="Parts are taxed; labor, discounts and rebates are not.")


class InvoiceLineEditForm(Form):
    description = forms.CharField(max_length=300)
    quantity = forms.DecimalField(max_digits=9, decimal_places=2, min_value=Decimal("0"))
    unit_price = forms.DecimalField(label="Price", min_value=Decimal("0"), **MONEY)
    taxable = forms.BooleanField(required=False)


class CreditNoteForm(Form):
    reason = forms.CharField(label="Why is it credited?", widget=forms.Textarea(attrs={"rows": 2}))


class ChangeOrderForm(Form):
    description = forms.CharField(max_length=300)
    amount = forms.DecimalField(help_text="Negative for work taken off the contract.", **MONEY)


class ChangeOrderDecisionForm(Form):
    DECISIONS = [("approve", "Approved by the customer"), ("decline", "Declined")]

    decision = forms.ChoiceField(choices=DECISIONS)
    approved_on = forms.DateField(label="Approved on", required=False, widget=DATE_INPUT)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "approve" and not cleaned.get("approved_on"):
            self.add_error("approved_on", "Enter the day the customer approved it.")
        return cleaned


class DeliveriesMailedForm(Form):
    """The invoices checked on the invoices-to-mail page, mailed together on one day."""

    deliveries = forms.ModelMultipleChoiceField(
        queryset=InvoiceDelivery.objects.filter(method=DeliveryMethod.MAIL, status=DeliveryStatus.QUEUED),
        error_messages={"required": "Check the invoices that went in the mail."},
    )
    mailed_on = forms.DateField(label="Mailed on", required=False, widget=DATE_INPUT)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"mailed_on": company_today()})
        super().__init__(*args, **kwargs)
