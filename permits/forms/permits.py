"""The permit panel's forms: one per step, each with only what that step asks for."""

from django import forms

from installops.forms import Form

from ..models import Jurisdiction

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
FEE = {"max_digits": 9, "decimal_places": 2, "min_value": 0, "required": False, "label": "Fee ($)"}


def _reason(label: str, *, required: bool = True) -> forms.CharField:
    return forms.CharField(label=label, required=required, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class JurisdictionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, jurisdiction):
        return f"{jurisdiction.name} ({jurisdiction.get_kind_display().lower()})"


def _jurisdictions():
    return Jurisdiction.objects.filter(active=True).order_by("name")


class PermitOpenForm(Form):
    jurisdiction = JurisdictionChoiceField(queryset=_jurisdictions(), label="Building department")
    fee = forms.DecimalField(**FEE)
    applied_on = forms.DateField(
        widget=DATE_INPUT, required=False, label="Applied on", help_text="Leave empty if it is still to apply."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jurisdiction"].queryset = _jurisdictions()


class PermitApplyForm(Form):
    applied_on = forms.DateField(widget=DATE_INPUT, label="Applied on")
    fee = forms.DecimalField(**FEE)


class PermitIssueForm(Form):
    number = forms.CharField(max_length=60, label="Permit number")
    issued_on = forms.DateField(widget=DATE_INPUT, label="Issued on")
    expires_on = forms.DateField(
        widget=DATE_INPUT, required=False, label="Expires on", help_text="Leave empty for the department's usual."
    )


class PermitCorrectNumberForm(Form):
    number = forms.CharField(max_length=60, label="Correct permit number")
    reason = _reason("Why it changes")


class PermitRejectForm(Form):
    reason = _reason("Why the department rejected it")


class PermitExpireForm(Form):
    reason = _reason("Note", required=False)


class PermitFinaledForm(Form):
    finaled_on = forms.DateField(widget=DATE_INPUT, label="Finaled on")


class PermitExemptForm(Form):
    reason = _reason("Why no permit is needed")


class PermitExemptionWithdrawForm(Form):
    reason = _reason("Why a permit is needed after all")


class PermitStartOverrideForm(Form):
    reason = _reason("Why the install may start without its permit")


class PermitDocumentForm(Form):
    file = forms.FileField(
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,.heic,.heif,application/pdf,image/*"}),
        label="Permit document",
        help_text="PDF, JPEG, PNG or iPhone HEIC.",
    )


class SiteJurisdictionForm(Form):
    jurisdiction = JurisdictionChoiceField(queryset=_jurisdictions(), label="Building department")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jurisdiction"].queryset = _jurisdictions()
