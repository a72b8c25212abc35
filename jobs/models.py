from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from installops.models import TimeStampedModel

from .choices import JobKind, JobStatus, LeadSource

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
            ("view_all_jobs", "Can see every job, not only their own crew's"),
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
