from django import forms

from installops.forms import Form

from .choices import ConfirmationOutcome

CALL_OUTCOMES = [
    ConfirmationOutcome.CONFIRMED,
    ConfirmationOutcome.LEFT_VOICEMAIL,
    ConfirmationOutcome.NO_ANSWER,
    ConfirmationOutcome.RESCHEDULE_REQUESTED,
    ConfirmationOutcome.CANCEL_REQUESTED,
]


class ConfirmationCallForm(Form):
    outcome = forms.ChoiceField(
        choices=[
            (value.value, "Cancel the visit" if value == ConfirmationOutcome.CANCEL_REQUESTED else value.label)
            for value in CALL_OUTCOMES
        ]
    )
    note = forms.CharField(required=False, max_length=1000, widget=forms.TextInput(attrs={"placeholder": "Note"}))


class CustomerRescheduleForm(Form):
    # Which button the customer pressed: anything but "another day" confirms.
    answer = forms.ChoiceField(
        choices=[("confirm", "Confirm"), ("reschedule", "I need another day")],
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": "Please press one of the buttons below."},
    )
    note = forms.CharField(
        label="Which days or times suit you better?",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DayForm(Form):
    day = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))


class SendAgainForm(Form):
    """How many times the page had been sent again when the office looked (a second click is not a second send)."""

    resends = forms.IntegerField(min_value=0, max_value=1000)

    def seen_resends(self) -> int:
        return self.cleaned_data["resends"] if self.is_valid() else -1
