from django import forms

from .choices import ConfirmationOutcome

CALL_OUTCOMES = [
    ConfirmationOutcome.CONFIRMED,
    ConfirmationOutcome.LEFT_VOICEMAIL,
    ConfirmationOutcome.NO_ANSWER,
    ConfirmationOutcome.RESCHEDULE_REQUESTED,
    ConfirmationOutcome.CANCEL_REQUESTED,
]


class ConfirmationCallForm(forms.Form):
    outcome = forms.ChoiceField(
        choices=[
            (value.value, "Cancel the visit" if value == ConfirmationOutcome.CANCEL_REQUESTED else value.label)
            for value in CALL_OUTCOMES
        ]
    )
    note = forms.CharField(required=False, max_length=1000, widget=forms.TextInput(attrs={"placeholder": "Note"}))


class CustomerRescheduleForm(forms.Form):
    note = forms.CharField(
        label="Which days or times suit you better?",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DayForm(forms.Form):
    day = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
