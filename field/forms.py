import base64
import binascii
import uuid

from django import forms

from installops.forms import Form
from permits.choices import InspectionKind
from scheduling.choices import VisitStatus
from scheduling.selectors import FIELD_SETTABLE_STATUSES

from .choices import FolderAudience

FIELD_STATUSES = [(status.value, status.label) for status in map(VisitStatus, FIELD_SETTABLE_STATUSES)]


class PhoneActionForm(Form):
    """Every phone action carries the id the phone gave it, so a resend is recognised."""

    client_uuid = forms.UUIDField(
        widget=forms.HiddenInput,
        error_messages={
            "required": "The page sent this without its id: please send it again.",
            "invalid": "The page sent this with a damaged id: please send it again.",
        },
    )
    happened_at = forms.DateTimeField(required=False, widget=forms.HiddenInput)

    def uuid_for_resend(self):
        """The id the page sends next: the same one when nothing was applied, a new one if it came damaged."""
        if self.is_bound and "client_uuid" in self.errors:
            return uuid.uuid4()
        return self["client_uuid"].value()

    def hidden_errors(self) -> list[str]:
        """What the person cannot see on a field: the form's own and its hidden fields' refusals."""
        errors = [str(error) for error in self.non_field_errors()]
        return errors + [str(error) for name in ("client_uuid", "happened_at") for error in self[name].errors]


class StatusTapForm(PhoneActionForm):
    to_status = forms.ChoiceField(choices=FIELD_STATUSES)
    # "Completed" is applied once the crew has seen what is still missing and said so.
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)


class FieldNoteForm(PhoneActionForm):
    text = forms.CharField(
        label="Note to the office", max_length=4000, widget=forms.Textarea(attrs={"rows": 3, "maxlength": 4000})
    )


class InspectionRequestForm(PhoneActionForm):
    kind = forms.ChoiceField(label="Inspection", choices=InspectionKind.choices)
    note = forms.CharField(
        label="For the office", required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )


class PhotoForm(Form):
    file = forms.FileField(
        label="Photo", widget=forms.ClearableFileInput(attrs={"accept": "image/*", "capture": "environment"})
    )
    title = forms.CharField(max_length=200, required=False, label="Caption")


class SignoffForm(PhoneActionForm):
    signer_name = forms.CharField(label="Customer's name", max_length=120)
    signature = forms.CharField(widget=forms.HiddenInput, error_messages={"required": "Ask the customer to sign."})
    accepted = forms.BooleanField(
        label="The customer confirms the work is complete and the site was left clean.",
        error_messages={"required": "The customer must confirm the work is complete."},
    )

    def clean_signature(self) -> bytes:
        value = self.cleaned_data["signature"]
        prefix = "data:image/png;base64,"
        if not value.startswith(prefix):
            raise forms.ValidationError("The signature did not come through; ask the customer to sign again.")
        try:
            return base64.b64decode(value[len(prefix) :], validate=True)
        except (binascii.Error, ValueError):
            raise forms.ValidationError("The signature did not come through; ask the customer to sign again.") from None


class FolderPrintForm(Form):
    audience = forms.ChoiceField(choices=FolderAudience.choices, initial=FolderAudience.FIELD)


class FolderChoiceForm(Form):
    """`?folder=office` on the "latest folder" link; the field folder without it."""

    folder = forms.ChoiceField(choices=FolderAudience.choices, required=False)
