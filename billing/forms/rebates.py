from django import forms

from installops.clock import company_today
from installops.forms import Form

from ..choices import RebateStatus
from ..models import RebateProgram

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RebateListFilterForm(Form):
    status = forms.ChoiceField(choices=RebateStatus.choices, required=False)


class RebateOpenForm(Form):
    program = forms.ModelChoiceField(
        queryset=RebateProgram.objects.filter(active=True), error_messages={"required": "Pick the program."}
    )

    def __init__(self, *args, programs=None, **kwargs):
        super().__init__(*args, **kwargs)
        if programs is not None:
            self.fields["program"].queryset = RebateProgram.objects.filter(pk__in=[p.pk for p in programs])


class RebateSubmitForm(Form):
    claim_reference = forms.CharField(label="Claim reference", max_length=60, required=False)
    submitted_on = forms.DateField(label="Submitted on", required=False, widget=DATE_INPUT)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"submitted_on": company_today()})
        super().__init__(*args, **kwargs)


class RebateApproveForm(Form):
    approved_on = forms.DateField(label="Approved on", required=False, widget=DATE_INPUT)
    claim_reference = forms.CharField(label="Claim reference", max_length=60, required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"approved_on": company_today()})
        super().__init__(*args, **kwargs)


class RebateDenyForm(Form):
    reason = forms.CharField(label="Why it was denied", widget=forms.Textarea(attrs={"rows": 2}))
    denied_on = forms.DateField(label="Denied on", required=False, widget=DATE_INPUT)


class RebatePaidForm(Form):
    amount_received = forms.DecimalField(label="Amount received", max_digits=10, decimal_places=2, min_value=0)
    paid_on = forms.DateField(label="Paid on", widget=DATE_INPUT)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"paid_on": company_today()})
        super().__init__(*args, **kwargs)
