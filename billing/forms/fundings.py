"""The funding panel's step forms and the fundings list's filter."""

from decimal import Decimal

from django import forms

from installops.clock import company_today
from installops.forms import Form
from jobs.models import FinanceCompany

from ..choices import FundingStatus
from ..selectors.fundings import WAITING

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MONEY = {"max_digits": 12, "decimal_places": 2, "widget": forms.NumberInput(attrs={"step": "0.01"})}


class FundingOpenForm(Form):
    finance_company = forms.ModelChoiceField(queryset=FinanceCompany.objects.order_by("name"))
    approved_amount = forms.DecimalField(min_value=Decimal("0.01"), **MONEY)
    approved_on = forms.DateField(widget=DATE_INPUT)
    loan_number = forms.CharField(required=False, max_length=60)


class CertificateSignedForm(Form):
    signed_on = forms.DateField(widget=DATE_INPUT, label="Certificate signed on")

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"signed_on": company_today()})
        super().__init__(*args, **kwargs)


class FundingRequestForm(Form):
    requested_on = forms.DateField(widget=DATE_INPUT, label="Requested on")

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"requested_on": company_today()})
        super().__init__(*args, **kwargs)


class FundedForm(Form):
    funded_on = forms.DateField(widget=DATE_INPUT, label="Funded on")
    funded_amount = forms.DecimalField(
        min_value=Decimal("0.01"), label="Funded amount (credited to the customer)", **MONEY
    )
    dealer_fee = forms.DecimalField(min_value=Decimal("0"), label="Dealer fee (kept by the finance company)", **MONEY)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"funded_on": company_today(), "dealer_fee": Decimal("0.00")})
        super().__init__(*args, **kwargs)


class ReconcileFundingForm(Form):
    explanation = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Needed when the funded amount differs from the invoice.",
    )


class FundingCancelForm(Form):
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}))


class FundingFilterForm(Form):
    status = forms.ChoiceField(required=False, choices=FundingStatus.choices)

    def status_or_default(self) -> str:
        return (self.cleaned_data.get("status") if self.is_valid() else "") or WAITING
