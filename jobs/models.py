import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from installops.models import TimeStampedModel

from .choices import (
    OFFICE_ONLY_CATEGORIES,
    DocumentCategory,
    DocumentKind,
    EquipmentKind,
    JobKind,
    JobStatus,
    LeadSource,
    PaperworkCondition,
)

phone_validator = RegexValidator(r"^\+?[\d\s().-]{7,20}$", "Enter a phone number, for example (559) 555-0142.")


class Customer(TimeStampedModel):
    name = models.CharField(max_length=200)
    phone = models.CharField(max_length=32, blank=True, validators=[phone_validator])
    alt_phone = models.CharField("alternate phone", max_length=32, blank=True, validators=[phone_validator])
    email = models.EmailField(blank=True)
    billing_street = models.CharField(max_length=200, blank=True)
    billing_city = models.CharField(max_length=100, blank=True)
    billing_state = models.CharField(max_length=2, blank=True, default="CA")
    billing_zip = models.CharField(max_length=10, blank=True)
    notes = models.TextField(blank=True)
    # The customer asked not to be texted / emailed: messages are skipped, with the reason recorded.
    sms_opt_out = models.BooleanField("no text messages", default=False)
    email_opt_out = models.BooleanField("no email", default=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["name"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("jobs:customer_detail", args=[self.pk])


class Site(TimeStampedModel):
    """A service address: where the crew drives to. A customer can own several."""

    customer = models.ForeignKey(Customer, on_delete=models.PROTECT, related_name="sites")
    street = models.CharField(max_length=200)
    city = models.CharField(max_length=100)
    state = models.CharField(max_length=2, default="CA")
    zip_code = models.CharField("ZIP", max_length=10)
    access_notes = models.TextField(blank=True, help_text="Gate codes, dogs, attic access, where to park.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["street", "id"]

    def __str__(self) -> str:
        return f"{self.street}, {self.city}"

    @property
    def one_line(self) -> str:
        return f"{self.street}, {self.city}, {self.state} {self.zip_code}"


class FinanceCompany(TimeStampedModel):
    name = models.CharField(max_length=120, unique=True)
    phone = models.CharField(max_length=32, blank=True)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "finance companies"

    def __str__(self) -> str:
        return self.name


class Job(TimeStampedModel):
    """A sold job or a service call: the record every other part of the office points at."""

    number = models.CharField(max_length=20, unique=True, editable=False)
    kind = models.CharField(max_length=20, choices=JobKind.choices, default=JobKind.INSTALL)
    status = models.CharField(max_length=20, choices=JobStatus.choices, default=JobStatus.SOLD, editable=False)
    # Where an on-hold job goes back to when it is released.
    status_before_hold = models.CharField(max_length=20, choices=JobStatus.choices, blank=True, editable=False)
    status_changed_at = models.DateTimeField(null=True, blank=True, editable=False)

    customer = models.ForeignKey(Customer, on_delete=models.PROTECT, related_name="jobs")
    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="jobs")
    # A warranty / correction / failed-HERS call points at the install it goes back to.
    original_job = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="callbacks")

    sold_on = models.DateField()
    salesperson = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="jobs_sold"
    )
    lead_source = models.CharField(max_length=20, choices=LeadSource.choices, blank=True)
    primary_tech = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="jobs_led"
    )

    contract_amount = models.DecimalField(
        max_digits=10, decimal_places=2, default=Decimal("0.00"), validators=[MinValueValidator(Decimal("0"))]
    )
    finance_company = models.ForeignKey(
        FinanceCompany, on_delete=models.PROTECT, null=True, blank=True, related_name="jobs"
    )
    finance_approved_amount = models.DecimalField(
        max_digits=10, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(Decimal("0"))]
    )

    title24 = models.BooleanField("Title 24", default=False)
    home_performance = models.BooleanField("Home Performance", default=False)
    equipment_proposed = models.TextField(blank=True, help_text="Equipment sold, one item a line.")
    rebates_note = models.TextField("rebates", blank=True, help_text="Rebates the customer may qualify for.")
    description = models.TextField("description of work", blank=True)
    equipment_ordered_on = models.DateField(
        "equipment ordered", null=True, blank=True, help_text="When the warehouse order went in."
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-sold_on", "-id"]
        indexes = [
            models.Index(fields=["status", "sold_on"]),
            models.Index(fields=["kind", "status"]),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(contract_amount__gte=0), name="job_contract_amount_not_negative"),
            models.CheckConstraint(
                condition=Q(finance_approved_amount__isnull=True) | Q(finance_company__isnull=False),
                name="job_finance_amount_needs_company",
            ),
        ]
        permissions = [
            ("change_job_status", "Can move a job through its status pipeline"),
            ("move_job_operations", "Can make a job's operational moves (scheduled to inspected, hold, cancel)"),
            ("move_job_billing", "Can make a job's billing moves (invoiced, closed)"),
            ("override_job_status", "Can move a job whose facts fall short, with a written reason"),
            ("view_all_jobs", "Can see every job, not only their own crew's"),
            ("view_job_prices", "Can see contract amounts, financing and rebates"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.customer.name}"

    def get_absolute_url(self) -> str:
        return reverse("jobs:job_detail", args=[self.pk])


class JobStatusChange(models.Model):
    """One step of a job's status pipeline: who moved it, when, from what to what, and why."""

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20, choices=JobStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=JobStatus.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    changed_at = models.DateTimeField()
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["changed_at", "id"]
        indexes = [models.Index(fields=["job", "changed_at"])]

    def __str__(self) -> str:
        return f"{self.job_id}: {self.from_status or '—'} → {self.to_status}"


def document_storage_name(instance, filename: str) -> str:
    """Stored under the job with a random name: nothing about the customer is guessable from it."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"jobs/{instance.job_id}/{uuid.uuid4().hex}.{extension}"


class Document(TimeStampedModel):
    """A file in a job's folder: uploaded by the office or the crew, or produced by the app.

    Files are only ever handed out by permission-checked views (never a public media URL).
    """

    job = models.ForeignKey(Job, on_delete=models.PROTECT, related_name="documents")
    category = models.CharField(max_length=24, choices=DocumentCategory.choices)
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=10, choices=DocumentKind.choices, editable=False)
    file = models.FileField(upload_to=document_storage_name, max_length=300)
    thumbnail = models.FileField(upload_to=document_storage_name, max_length=300, blank=True)
    content_type = models.CharField(max_length=60, editable=False)
    size = models.PositiveIntegerField(editable=False)
    sha256 = models.CharField(max_length=64, editable=False)
    width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    page_count = models.PositiveIntegerField(null=True, blank=True, editable=False)
    # Pricing and financing stay in the office folder; the field folder leaves these out. Always set
    # for the categories in OFFICE_ONLY_CATEGORIES (the constraint below), by choice for any other file.
    office_only = models.BooleanField(
        "office only", default=False, help_text="Pricing or financing: left out of the installers' field folder."
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)
    # Set when a wrong file is taken out of the folder: kept for the record, no longer shown.
    removed_at = models.DateTimeField(null=True, blank=True, editable=False)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["category", "uploaded_at", "id"]
        indexes = [models.Index(fields=["job", "category", "uploaded_at"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(category__in=sorted(OFFICE_ONLY_CATEGORIES)) | Q(office_only=True),
                name="document_office_only_category_is_office_only",
            ),
        ]
        permissions = [("view_office_folder", "Can see office-only documents (finance, pricing)")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_photo(self) -> bool:
        return self.kind == DocumentKind.PHOTO


class RequiredPaperwork(models.Model):
    """A document category a kind of job must have in its folder before it is ready."""

    job_kind = models.CharField(max_length=20, choices=JobKind.choices)
    category = models.CharField(max_length=24, choices=DocumentCategory.choices)
    condition = models.CharField(
        max_length=20,
        choices=PaperworkCondition.choices,
        default=PaperworkCondition.ALWAYS,
        help_text="Only some jobs need some paperwork (Title 24 forms, finance paperwork).",
    )

    class Meta:
        ordering = ["job_kind", "category"]
        verbose_name_plural = "required paperwork"
        constraints = [
            models.UniqueConstraint(fields=["job_kind", "category"], name="required_paperwork_once_per_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.get_job_kind_display()}: {self.get_category_display()}"

    def applies_to(self, job: Job) -> bool:
        if self.condition == PaperworkCondition.TITLE24:
            return job.title24
        if self.condition == PaperworkCondition.FINANCED:
            return job.finance_company_id is not None
        if self.condition == PaperworkCondition.HOME_PERFORMANCE:
            return job.home_performance
        return True


class InstalledEquipment(TimeStampedModel):
    """What the crew actually put in: model and serial for the invoice and the warranty registration."""

    job = models.ForeignKey(Job, on_delete=models.PROTECT, related_name="installed_equipment")
    kind = models.CharField(max_length=24, choices=EquipmentKind.choices)
    manufacturer = models.CharField(max_length=80, blank=True)
    model_number = models.CharField("model", max_length=80)
    serial_number = models.CharField("serial", max_length=80)
    warranty_years = models.PositiveSmallIntegerField(
        "warranty (years)", null=True, blank=True, validators=[MaxValueValidator(30)]
    )
    warranty_notes = models.CharField(max_length=200, blank=True)
    nameplate_photo = models.ForeignKey(
        Document, on_delete=models.PROTECT, null=True, blank=True, related_name="nameplate_of"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    # Set by the phone that recorded it, so a retried submission is not entered twice.
    client_uuid = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["recorded_at", "id"]
        verbose_name_plural = "installed equipment"
        constraints = [
            models.UniqueConstraint(
                fields=["job", "serial_number"], condition=~Q(serial_number=""), name="equipment_serial_once_per_job"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.model_number} s/n {self.serial_number}"


class CompletionSignoff(TimeStampedModel):
    """The customer signed on the crew's phone that the work is complete."""

    job = models.ForeignKey(Job, on_delete=models.PROTECT, related_name="completion_signoffs")
    signer_name = models.CharField(max_length=120)
    signature = models.FileField(upload_to=document_storage_name, max_length=300)
    signed_at = models.DateTimeField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    certificate = models.OneToOneField(
        Document, on_delete=models.PROTECT, null=True, blank=True, related_name="signoff"
    )
    client_uuid = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        ordering = ["signed_at", "id"]

    def __str__(self) -> str:
        return f"{self.job.number} signed by {self.signer_name}"
