"""Building permits, the inspections the jurisdiction makes, HERS verification and the Title 24 forms.

A job's paperwork that decides when the job is done: `permits.lifecycle` turns these facts into the
conditions of Permitted, Inspected and Invoiced.
"""

import uuid

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from installops.models import TimeStampedModel
from jobs.models import Document, Job, Site

from .choices import (
    LIVE_PERMIT_STATUSES,
    NUMBERED_PERMIT_STATUSES,
    OPEN_HERS_STATUSES,
    OPEN_INSPECTION_STATUSES,
    HersRegistry,
    HersStatus,
    HersTestKind,
    HersTestResult,
    InspectionBookingMethod,
    InspectionKind,
    InspectionRequestedVia,
    InspectionStatus,
    JurisdictionKind,
    PacketStatus,
    PermitStatus,
    Title24FormKind,
    Title24Trigger,
)


class Jurisdiction(TimeStampedModel):
    """A building department (a city or a county) that issues permits and sends inspectors."""

    name = models.CharField(max_length=120, unique=True)
    kind = models.CharField(max_length=10, choices=JurisdictionKind.choices, default=JurisdictionKind.CITY)
    # Sites in these cities belong here unless the office says otherwise (lower case, as typed on a site).
    cities = ArrayField(
        models.CharField(max_length=100),
        default=list,
        blank=True,
        help_text="Cities whose sites belong to this department, separated by commas.",
    )
    phone = models.CharField(max_length=32, blank=True)
    email = models.EmailField(blank=True)
    portal_url = models.URLField(blank=True)
    typical_days_to_issue = models.PositiveSmallIntegerField(
        default=10,
        validators=[MaxValueValidator(365)],
        help_text="Days from application to the permit, as this department usually takes.",
    )
    inspection_booking = models.CharField(
        "inspections requested by",
        max_length=10,
        choices=InspectionBookingMethod.choices,
        default=InspectionBookingMethod.PORTAL,
    )
    inspection_windows = models.CharField(
        max_length=200, blank=True, help_text="The windows inspectors give, for example “8–12, 12–4”."
    )
    permit_valid_days = models.PositiveSmallIntegerField(
        default=180,
        validators=[MinValueValidator(1), MaxValueValidator(1000)],
        help_text="Days an issued permit stays valid without an inspection.",
    )
    notes = models.TextField(blank=True)
    active = models.BooleanField(default=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class SiteJurisdiction(TimeStampedModel):
    """Which building department a site belongs to: inferred from its city, or picked by the office."""

    site = models.OneToOneField(Site, on_delete=models.CASCADE, primary_key=True, related_name="jurisdiction_link")
    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.PROTECT, related_name="site_links")
    # False once a person picked it: a later change of the department's cities leaves it alone.
    inferred = models.BooleanField(default=True)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"{self.site} → {self.jurisdiction}"


class PermitExemption(TimeStampedModel):
    """The office decided this job needs no permit, and why."""

    job = models.OneToOneField(Job, on_delete=models.PROTECT, related_name="permit_exemption")
    reason = models.TextField()
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"No permit for {self.job.number}"


class Permit(TimeStampedModel):
    job = models.ForeignKey(Job, on_delete=models.PROTECT, related_name="permits")
    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.PROTECT, related_name="permits")
    status = models.CharField(max_length=20, choices=PermitStatus.choices, default=PermitStatus.TO_APPLY)
    number = models.CharField("permit number", max_length=60, blank=True)
    fee = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)])
    applied_on = models.DateField(null=True, blank=True)
    issued_on = models.DateField(null=True, blank=True)
    expires_on = models.DateField(null=True, blank=True)
    finaled_on = models.DateField(null=True, blank=True)
    # The Title 24 code cycle ("2022", "2025") in force on the application date, fixed when applied.
    code_cycle = models.CharField(max_length=8, blank=True)
    # The permit card in the job folder.
    document = models.ForeignKey(Document, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    packet_mailed_on = models.DateField("permit packet mailed", null=True, blank=True)
    status_reason = models.TextField(blank=True, help_text="Why it was rejected or expired.")
    notes = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-applied_on", "-id"]
        indexes = [models.Index(fields=["status", "applied_on"]), models.Index(fields=["status", "expires_on"])]
        constraints = [
            # An issued permit always carries its number.
            models.CheckConstraint(
                condition=~Q(status__in=NUMBERED_PERMIT_STATUSES) | ~Q(number=""), name="permit_issued_has_number"
            ),
            models.CheckConstraint(condition=Q(fee__isnull=True) | Q(fee__gte=0), name="permit_fee_not_negative"),
            models.UniqueConstraint(
                fields=["jurisdiction", "number"], condition=~Q(number=""), name="permit_number_unique_per_jurisdiction"
            ),
            # A rejected or expired permit stays for the record; a job has one live permit at a time.
            models.UniqueConstraint(
                fields=["job"], condition=Q(status__in=LIVE_PERMIT_STATUSES), name="permit_one_live_per_job"
            ),
        ]
        permissions = [
            ("view_permit_fee", "Can see permit fees"),
            ("override_permit_gate", "Can let an install start without an issued permit, with a reason"),
            ("view_permit_follow_up", "Can see the permit follow-up list"),
        ]

    def __str__(self) -> str:
        return self.number or f"Permit for {self.job.number} ({self.get_status_display().lower()})"


class PermitStartOverride(models.Model):
    """A coordinator let the job's install visits start (on my way) before the permit was issued."""

    job = models.ForeignKey(Job, on_delete=models.PROTECT, related_name="permit_start_overrides")
    reason = models.TextField()
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    granted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["granted_at", "id"]

    def __str__(self) -> str:
        return f"{self.job.number}: start without a permit"


def packet_storage_name(instance, filename: str) -> str:
    return f"permits/{instance.permit_id}/packet-{uuid.uuid4().hex}.pdf"


class PermitPacket(TimeStampedModel):
    """The packet mailed to the customer: a cover letter, the permit and the Title 24 forms, as one PDF."""

    permit = models.ForeignKey(Permit, on_delete=models.PROTECT, related_name="packets")
    status = models.CharField(max_length=10, choices=PacketStatus.choices, default=PacketStatus.QUEUED)
    # What the PDF shows, hashed: an unchanged permit gets its existing packet back.
    fingerprint = models.CharField(max_length=64)
    file = models.FileField(upload_to=packet_storage_name, max_length=300, blank=True)
    page_count = models.PositiveIntegerField(null=True, blank=True)
    error = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    enqueued_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    printed_at = models.DateTimeField(null=True, blank=True)
    printed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    mailed_on = models.DateField(null=True, blank=True)
    mailed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-requested_at", "-id"]
        indexes = [models.Index(fields=["status", "mailed_on"])]
        constraints = [
            models.CheckConstraint(condition=~Q(status=PacketStatus.DONE) | ~Q(file=""), name="packet_done_has_file"),
        ]

    def __str__(self) -> str:
        return f"Permit packet for {self.permit}"


class Inspection(TimeStampedModel):
    """An inspection the jurisdiction makes on a job's permit: requested, booked, then its result."""

    job = models.ForeignKey(Job, on_delete=models.PROTECT, related_name="inspections")
    # Empty while the job has no permit on file (a request from the phone is never refused for it).
    permit = models.ForeignKey(Permit, on_delete=models.PROTECT, null=True, blank=True, related_name="inspections")
    kind = models.CharField(max_length=10, choices=InspectionKind.choices)
    status = models.CharField(max_length=12, choices=InspectionStatus.choices, default=InspectionStatus.TO_BOOK)
    requested_via = models.CharField(
        max_length=16, choices=InspectionRequestedVia.choices, default=InspectionRequestedVia.OFFICE
    )
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    request_note = models.TextField(blank=True)
    # How the office asked the jurisdiction, and its reference for the booking.
    booked_by_method = models.CharField(max_length=10, choices=InspectionBookingMethod.choices, blank=True)
    booking_reference = models.CharField(max_length=60, blank=True)
    scheduled_on = models.DateField(null=True, blank=True)
    window = models.CharField(max_length=40, blank=True, help_text="The window the jurisdiction gave, “8–12”.")
    inspector = models.CharField(max_length=120, blank=True)
    result_on = models.DateField(null=True, blank=True)
    result_notes = models.TextField(blank=True)
    corrections = models.TextField(blank=True, help_text="What the inspector wants corrected.")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    photos = models.ManyToManyField(Document, blank=True, related_name="inspections")
    # After a failure: the re-inspection, and the correction job that fixes what failed.
    reinspection_of = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="reinspection"
    )
    correction_job = models.ForeignKey(Job, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    # After "no access": set when the office has reconfirmed the day with the customer.
    access_reconfirmed_at = models.DateTimeField(null=True, blank=True)
    # Set by the phone that asked, so a retried request is not entered twice.
    client_uuid = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["requested_at", "id"]
        indexes = [
            models.Index(fields=["status", "scheduled_on"]),
            models.Index(fields=["job", "kind"]),
        ]
        constraints = [
            # The office books one inspection per kind a job waits for, however many phones ask.
            models.UniqueConstraint(
                fields=["job", "kind"],
                condition=Q(status__in=OPEN_INSPECTION_STATUSES),
                name="inspection_one_open_per_kind",
            ),
            models.CheckConstraint(
                condition=~Q(status=InspectionStatus.SCHEDULED) | Q(scheduled_on__isnull=False),
                name="inspection_scheduled_has_date",
            ),
            models.CheckConstraint(
                condition=Q(status__in=OPEN_INSPECTION_STATUSES) | Q(result_on__isnull=False),
                name="inspection_result_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.job.number}"


class HersVerification(TimeStampedModel):
    """A HERS rater's visit that verifies the job (duct leakage, refrigerant charge, airflow…)."""

    job = models.ForeignKey(Job, on_delete=models.PROTECT, related_name="hers_verifications")
    status = models.CharField(max_length=10, choices=HersStatus.choices, default=HersStatus.TO_BOOK)
    rater_company = models.CharField(max_length=120, blank=True)
    rater_name = models.CharField(max_length=120, blank=True)
    registry = models.CharField(max_length=10, choices=HersRegistry.choices, blank=True)
    # The rater's ids in the registry (project / registration numbers), as they give them.
    registry_ids = models.CharField(max_length=200, blank=True)
    scheduled_on = models.DateField(null=True, blank=True)
    result_on = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)
    retest_of = models.OneToOneField("self", on_delete=models.PROTECT, null=True, blank=True, related_name="retest")
    failed_hers_job = models.ForeignKey(Job, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["job"], condition=Q(status__in=OPEN_HERS_STATUSES), name="hers_one_open_per_job"
            ),
            models.CheckConstraint(
                condition=~Q(status=HersStatus.SCHEDULED) | Q(scheduled_on__isnull=False),
                name="hers_scheduled_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"HERS verification for {self.job.number}"


class HersTest(models.Model):
    verification = models.ForeignKey(HersVerification, on_delete=models.CASCADE, related_name="tests")
    kind = models.CharField(max_length=20, choices=HersTestKind.choices)
    result = models.CharField(max_length=10, choices=HersTestResult.choices, default=HersTestResult.PENDING)
    reading = models.CharField(max_length=80, blank=True, help_text="The measured figure, as the rater gives it.")
    notes = models.CharField(max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["verification", "kind"]
        constraints = [models.UniqueConstraint(fields=["verification", "kind"], name="hers_test_once_per_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.get_result_display()}"


class Title24Scope(TimeStampedModel):
    """Whether a job falls under Title 24's HVAC alteration rules, and why."""

    job = models.OneToOneField(Job, on_delete=models.PROTECT, related_name="title24_scope")
    trigger = models.CharField(max_length=16, choices=Title24Trigger.choices)
    duct_feet_altered = models.PositiveIntegerField(null=True, blank=True, validators=[MaxValueValidator(10000)])
    hers_required = models.BooleanField(default=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    note = models.TextField(blank=True)

    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"Title 24 for {self.job.number}: {self.get_trigger_display()}"


class Title24Form(TimeStampedModel):
    """One of the job's Title 24 forms, with its registry id and the document."""

    job = models.ForeignKey(Job, on_delete=models.PROTECT, related_name="title24_forms")
    kind = models.CharField(max_length=4, choices=Title24FormKind.choices)
    registry = models.CharField(max_length=10, choices=HersRegistry.choices)
    registry_id = models.CharField(max_length=60)
    document = models.ForeignKey(Document, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    registered_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")

    history = HistoricalRecords()

    class Meta:
        ordering = ["job", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["job", "kind"], name="title24_form_once_per_job"),
            models.UniqueConstraint(fields=["registry", "registry_id"], name="title24_registry_id_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.registry_id}"
