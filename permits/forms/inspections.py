"""The inspections panel's forms: ask for one, book it, record the result, reconfirm after no access."""

from django import forms

from installops.forms import Form

from ..choices import (
    INSPECTION_RESULTS,
    InspectionBookingMethod,
    InspectionKind,
    InspectionRequestedVia,
    InspectionStatus,
)

MAX_PHOTOS = 10


class InspectionRequestForm(Form):
    kind = forms.ChoiceField(label="Inspection", choices=InspectionKind.choices)
    via = forms.ChoiceField(
        label="Asked by",
        choices=[
            (value, label)
            for value, label in InspectionRequestedVia.choices
            if value != InspectionRequestedVia.CREW_PHONE
        ],
        initial=InspectionRequestedVia.OFFICE,
    )
    note = forms.CharField(
        label="Note for the inspection", required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )


class InspectionBookForm(Form):
    scheduled_on = forms.DateField(label="Day", widget=forms.DateInput(attrs={"type": "date"}))
    window = forms.CharField(
        required=False,
        max_length=40,
        widget=forms.TextInput(attrs={"list": "inspection-windows"}),
        help_text="The window the jurisdiction gave (pick one or type it).",
    )
    inspector = forms.CharField(required=False, max_length=120)
    booked_by_method = forms.ChoiceField(
        label="Booked by", required=False, choices=[("", "—"), *InspectionBookingMethod.choices]
    )
    booking_reference = forms.CharField(label="Reference", required=False, max_length=60)


class MultiplePhotoInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiplePhotoField(forms.FileField):
    """Several photos in one field; each is checked and cleaned by the job folder's upload rules."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultiplePhotoInput(attrs={"accept": "image/*,application/pdf"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        if len(files) > MAX_PHOTOS:
            raise forms.ValidationError(f"Attach at most {MAX_PHOTOS} photos at a time.")
        return [super(MultiplePhotoField, self).clean(file, initial) for file in files]


class InspectionResultForm(Form):
    result = forms.ChoiceField(choices=[(status, InspectionStatus(status).label) for status in INSPECTION_RESULTS])
    result_on = forms.DateField(label="Day of the result", widget=forms.DateInput(attrs={"type": "date"}))
    corrections = forms.CharField(
        required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Needed when it failed: what the inspector wants corrected.",
    )  # fmt: skip
    notes = forms.CharField(required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 2}))
    photos = MultiplePhotoField(required=False)


class InspectionReconfirmForm(Form):
    note = forms.CharField(
        label="What the customer agreed to", required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Gate code, someone home…",
    )  # fmt: skip
