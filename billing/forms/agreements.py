from django import forms

from installops.clock import company_today
from installops.forms import Form
from jobs.models import Site

from ..models import AgreementPlan
from ..selectors.agreements import AgreementTab

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AgreementListFilterForm(Form):
    tab = forms.ChoiceField(choices=AgreementTab.CHOICES, required=False)


class AgreementEnterForm(Form):
    site = forms.ModelChoiceField(queryset=Site.objects.none(), label="Service address")
    plan = forms.ModelChoiceField(queryset=AgreementPlan.objects.filter(active=True))
    starts_on = forms.DateField(label="Starts on", widget=DATE_INPUT)
    price = forms.DecimalField(
        max_digits=10, decimal_places=2, min_value=0, required=False, help_text="Leave empty for the plan's price."
    )
    auto_renew = forms.TypedChoiceField(
        label="Renews by itself",
        choices=[("", "As the plan says"), ("yes", "Yes"), ("no", "No")],
        coerce=lambda value: value == "yes",
        empty_value=None,
        required=False,
    )

    def __init__(self, *args, customer, **kwargs):
        kwargs.setdefault("initial", {"starts_on": company_today()})
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = Site.objects.filter(customer=customer)
        self.fields["site"].label_from_instance = lambda site: f"{site.street}, {site.city}"


class AgreementCancelForm(Form):
    reason = forms.CharField(label="Why", widget=forms.Textarea(attrs={"rows": 2}))
    cancelled_on = forms.DateField(label="Cancelled on", required=False, widget=DATE_INPUT)
