from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row, Submit
from django import forms
from django.contrib.auth import get_user_model

from installops.forms import Form, ModelForm

from .choices import OFFICE_ONLY_CATEGORIES, DocumentCategory, EquipmentKind, JobKind
from .models import Customer, Job, Site
from .services import EDITABLE_JOB_FIELDS

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

# The job's own fields, in form order; the address and the original job are chosen separately.
JOB_FIELDS = [name for name in EDITABLE_JOB_FIELDS if name not in ("site", "original_job")]


def _staff_choices(role_names):
    return (
        get_user_model()
        .objects.filter(employee__role__in=role_names, employee__active=True)
        .order_by("first_name", "last_name")
    )


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return user.get_full_name() or user.get_username()


class JobDetailsForm(ModelForm):
    """The job's own fields: shared by "new sold job" and "edit job"."""

    salesperson = StaffChoiceField(queryset=_staff_choices(["salesperson"]), required=False)
    primary_tech = StaffChoiceField(
        queryset=_staff_choices(["lead_installer", "installer", "tech"]), required=False, label="Primary tech"
    )

    class Meta:
        model = Job
        fields = JOB_FIELDS
        widgets = {
            "sold_on": DATE_INPUT,
            "equipment_ordered_on": DATE_INPUT,
            "equipment_proposed": forms.Textarea(attrs={"rows": 3}),
            "rebates_note": forms.Textarea(attrs={"rows": 2}),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self):
        cleaned = super().clean()
        amount = cleaned.get("finance_approved_amount")
        if amount is not None and not cleaned.get("finance_company"):
            self.add_error("finance_company", "Pick the finance company that approved the amount.")
        return cleaned

    def job_fields_layout(self):
        return Fieldset(
            "Job",
            Row(Column("kind"), Column("sold_on"), Column("lead_source")),
            Row(Column("salesperson"), Column("primary_tech")),
            Row(Column("contract_amount"), Column("finance_company"), Column("finance_approved_amount")),
            Row(Column("title24"), Column("home_performance"), Column("equipment_ordered_on")),
            "equipment_proposed",
            "rebates_note",
            "description",
        )


class JobEditForm(JobDetailsForm):
    class Meta(JobDetailsForm.Meta):
        fields = ["site", *JOB_FIELDS]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = Site.objects.filter(customer_id=self.instance.customer_id)
        self.helper = FormHelper()
        self.helper.layout = Layout("site", self.job_fields_layout(), Submit("save", "Save changes"))


class NewCustomerForm(ModelForm):
    prefix = "customer"

    class Meta:
        model = Customer
        fields = ["name", "phone", "alt_phone", "email", "billing_street", "billing_city", "billing_zip", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}
        labels = {
            "billing_street": "Billing street (if not the service address)",
            "billing_city": "Billing city",
            "billing_zip": "Billing ZIP",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Fieldset(
                "Customer",
                Row(Column("name"), Column("phone"), Column("alt_phone"), Column("email")),
                Row(Column("billing_street"), Column("billing_city"), Column("billing_zip")),
                "notes",
            )
        )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("phone") and not cleaned.get("email"):
            self.add_error("phone", "Give a phone number or an email so the office can reach the customer.")
        return cleaned


class SiteForm(ModelForm):
    prefix = "site"

    class Meta:
        model = Site
        fields = ["street", "city", "zip_code", "access_notes"]
        widgets = {"access_notes": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Fieldset("Service address", Row(Column("street"), Column("city"), Column("zip_code")), "access_notes")
        )


class JobCreateForm(JobDetailsForm):
    """A sold job for a customer; the customer and address forms sit beside it on the page."""

    existing_site = forms.ModelChoiceField(
        queryset=Site.objects.none(),
        required=False,
        label="Service address",
        empty_label="— a new address (below) —",
    )

    class Meta(JobDetailsForm.Meta):
        fields = JOB_FIELDS

    def __init__(self, *args, customer=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.customer = customer
        self.fields["kind"].initial = JobKind.INSTALL
        if customer is not None:
            self.fields["existing_site"].queryset = customer.sites.all()
        else:
            del self.fields["existing_site"]
        self.helper = FormHelper()
        self.helper.form_tag = False
        layout = [self.job_fields_layout()]
        if customer is not None:
            layout.insert(0, "existing_site")
        self.helper.layout = Layout(*layout)


class JobStatusForm(Form):
    """Where the job goes next: nothing chosen until the user picks, so no click moves a job by accident."""

    to_status = forms.ChoiceField(label="Move to", error_messages={"required": "Choose where the job goes."})
    note = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 2}), help_text="Required for on hold and cancelled."
    )
    override_reason = forms.CharField(
        required=False,
        label="Reason to move it anyway",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Only when the move still needs something: say why the job goes ahead without it.",
    )

    def __init__(self, *args, moves=(), can_override: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.moves = list(moves)
        self.fields["to_status"].choices = [("", "Choose a status…")] + [(move.status, move.label) for move in moves]
        if not can_override:
            del self.fields["override_reason"]


def office_only_category_labels() -> str:
    """The categories field staff never see, as words: "Contract, Finance paperwork and Rebate forms"."""
    labels = [str(label) for value, label in DocumentCategory.choices if value in OFFICE_ONLY_CATEGORIES]
    return ", ".join(labels[:-1]) + f" and {labels[-1]}" if len(labels) > 1 else "".join(labels)


class DocumentUploadForm(Form):
    category = forms.ChoiceField(choices=[("", "What is it?"), *DocumentCategory.choices])
    file = forms.FileField(
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,.heic,.heif,application/pdf,image/*"}),
        help_text="PDF, JPEG, PNG or iPhone HEIC. Photos are shrunk and their location data removed.",
    )
    title = forms.CharField(max_length=200, required=False, help_text="Leave empty to use the file name.")
    office_only = forms.BooleanField(
        required=False, label="Office only", help_text="Pricing or financing: keep it out of the field folder."
    )

    def __init__(self, *args, can_choose_office_only: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[
            "category"
        ].help_text = f"{office_only_category_labels()} stay in the office folder: field staff never see them."
        if not can_choose_office_only:
            del self.fields["office_only"]
            self.fields["category"].choices = [
                choice for choice in self.fields["category"].choices if choice[0] not in OFFICE_ONLY_CATEGORIES
            ]


class InstalledEquipmentForm(Form):
    kind = forms.ChoiceField(choices=EquipmentKind.choices)
    manufacturer = forms.CharField(max_length=80, required=False)
    model_number = forms.CharField(label="Model", max_length=80)
    serial_number = forms.CharField(label="Serial", max_length=80)
    warranty_years = forms.IntegerField(label="Warranty (years)", required=False, min_value=0, max_value=30)
    warranty_notes = forms.CharField(max_length=200, required=False)
    nameplate_photo = forms.FileField(
        required=False,
        label="Nameplate photo",
        widget=forms.ClearableFileInput(attrs={"accept": "image/*", "capture": "environment"}),
    )


class CustomerSearchForm(Form):
    q = forms.CharField(required=False, max_length=200, label="Search")


class CustomerPickForm(Form):
    """`?customer=ID` on "new sold job": the job is for that customer."""

    customer = forms.ModelChoiceField(queryset=Customer.objects.all(), required=False)
