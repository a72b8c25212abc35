from django import forms

from installops.clock import company_today
from installops.forms import Form

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class WarrantyListFilterForm(Form):
    SHOW_CHOICES = [("due", "To register"), ("registered", "Registered")]

    show = forms.ChoiceField(choices=SHOW_CHOICES, required=False)
    within_days = forms.IntegerField(label="Due within (days)", min_value=0, max_value=3650, required=False)


class WarrantyRegisterForm(Form):
    confirmation_number = forms.CharField(label="Confirmation #", max_length=60)
    registered_on = forms.DateField(label="Registered on", widget=DATE_INPUT)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"registered_on": company_today()})
        super().__init__(*args, **kwargs)
