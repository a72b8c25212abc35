"""The Title 24 & HERS panel's forms: the scope, a form's registry id and document, the rater, the tests."""

from django import forms
from django.conf import settings

from installops.forms import Form

from ..choices import HersRegistry, HersTestKind, HersTestResult, Title24FormKind

UPLOAD_ACCEPT = ".pdf,.jpg,.jpeg,.png,.heic,.heif,application/pdf,image/*"


class Title24ScopeForm(Form):
    prefix = "scope"

    change_out = forms.BooleanField(required=False, label="Equipment change-out")
    duct_feet_altered = forms.IntegerField(
        required=False, min_value=0, max_value=10000, label="Feet of duct altered", help_text=""
    )
    hers_required = forms.BooleanField(required=False, initial=True, label="HERS verification required")
    note = forms.CharField(
        label="Note on the Title 24 scope", required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[
            "duct_feet_altered"
        ].help_text = f"More than {settings.TITLE24_DUCT_FEET_THRESHOLD} ft brings the job under Title 24."


class Title24FormRecordForm(Form):
    prefix = "t24form"

    kind = forms.ChoiceField(choices=Title24FormKind.choices, label="Form")
    registry = forms.ChoiceField(choices=HersRegistry.choices)
    registry_id = forms.CharField(max_length=60, label="Registry id")
    registered_on = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    document = forms.FileField(
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": UPLOAD_ACCEPT}),
        help_text="The registered form: PDF, JPEG, PNG or iPhone HEIC.",
    )

    def __init__(self, *args, kinds: list[str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if kinds is not None:
            # Field staff file their own certificate only (the CF2R).
            self.fields["kind"].choices = [c for c in Title24FormKind.choices if c[0] in kinds]


class HersRaterForm(Form):
    prefix = "rater"

    rater_company = forms.CharField(max_length=120)
    rater_name = forms.CharField(max_length=120, required=False, label="Rater")
    registry = forms.ChoiceField(choices=[("", "—"), *HersRegistry.choices], required=False)
    registry_ids = forms.CharField(max_length=200, required=False, label="Registry ids")


class HersScheduleForm(Form):
    prefix = "schedule"

    scheduled_on = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), label="Rater's visit")
    kinds = forms.MultipleChoiceField(
        choices=HersTestKind.choices,
        widget=forms.CheckboxSelectMultiple,
        label="Tests",
        initial=[HersTestKind.DUCT_LEAKAGE, HersTestKind.REFRIGERANT_CHARGE, HersTestKind.AIRFLOW],
    )


class HersResultForm(Form):
    prefix = "result"

    kind = forms.ChoiceField(choices=HersTestKind.choices, label="Test")
    result = forms.ChoiceField(
        choices=[(HersTestResult.PASSED, "Passed"), (HersTestResult.FAILED, "Failed")], widget=forms.RadioSelect
    )
    reading = forms.CharField(max_length=80, required=False)
    notes = forms.CharField(max_length=200, required=False)

    def __init__(self, *args, kinds: list[str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if kinds is not None:
            self.fields["kind"].choices = [c for c in HersTestKind.choices if c[0] in kinds]
