from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import RangeOperators
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Func, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from installops.models import TimeStampedModel
from jobs.choices import JobKind
from jobs.models import Job
from people.models import Employee

from .choices import (
    RELEASED_VISIT_STATUSES,
    SubcontractorBookingStatus,
    SubcontractorTrade,
    VisitStatus,
    Weekday,
)


class TsTzRange(Func):
    function = "TSTZRANGE"
    output_field = models.DateTimeField()


class Skill(models.Model):
    """What a crew can do: ducts, heat pumps, mini-splits, crane sets, Title 24 testing…"""

    name = models.CharField(max_length=60, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Crew(TimeStampedModel):
    name = models.CharField(max_length=60, unique=True)
    lead = models.ForeignKey(Employee, on_delete=models.PROTECT, null=True, blank=True, related_name="crews_led")
    members = models.ManyToManyField(Employee, related_name="crews", blank=True)
    skills = models.ManyToManyField(Skill, related_name="crews", blank=True)
    active = models.BooleanField(default=True)

    history = HistoricalRecords(m2m_fields=[members, skills])

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Visit(TimeStampedModel):
    """One appointment of a job: a crew (or a lone tech) at the site for a block of time."""

    job = models.ForeignKey(Job, on_delete=models.PROTECT, related_name="visits")
    crew = models.ForeignKey(Crew, on_delete=models.PROTECT, null=True, blank=True, related_name="visits")
    technician = models.ForeignKey(Employee, on_delete=models.PROTECT, null=True, blank=True, related_name="visits")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    # What the customer was promised ("between 8 and 10"), apart from the crew's block.
    arrival_window_start = models.DateTimeField(null=True, blank=True)
    arrival_window_end = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=VisitStatus.choices, default=VisitStatus.SCHEDULED)
    notes = models.TextField(blank=True)

    # What the coordinator expects the work to take (defaults per job kind and equipment).
    estimated_hours = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    # Why the visit was booked outside the crew's working hours or over its time off.
    override_reason = models.TextField(blank=True)
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # A visit booked to replace one that was rescheduled points back at it.
    rescheduled_from = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="rescheduled_to"
    )

    confirmed_at = models.DateTimeField(null=True, blank=True)
    # When the visit last got another time (a drag or a move): answers given before it are about the old time.
    moved_at = models.DateTimeField(null=True, blank=True, editable=False)
    on_my_way_at = models.DateTimeField(null=True, blank=True)
    on_site_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    closed_out_at = models.DateTimeField(null=True, blank=True)
    status_reason = models.TextField(blank=True, help_text="Why it was cancelled or rescheduled.")
    # Who actually led the work on site, confirmed at close-out (the job's primary tech must match).
    actual_lead = models.ForeignKey(
        Employee, on_delete=models.PROTECT, null=True, blank=True, related_name="visits_led"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["starts_at", "ends_at"])]
        permissions = [
            ("dispatch_visit", "Can set dispatch statuses (field staff: their own crew's visits only)"),
            ("close_out_visit", "Can close out visits"),
            ("view_board", "Can open the dispatch board and the unscheduled queue"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="visit_ends_after_start"),
            models.CheckConstraint(
                condition=Q(crew__isnull=False) | Q(technician__isnull=False), name="visit_has_crew_or_technician"
            ),
            # Neither a crew nor a technician is ever in two places at once, even when two
            # coordinators book at the same moment.
            ExclusionConstraint(
                name="visit_crew_not_double_booked",
                expressions=[
                    (TsTzRange("starts_at", "ends_at"), RangeOperators.OVERLAPS),
                    ("crew", RangeOperators.EQUAL),
                ],
                condition=Q(crew__isnull=False) & ~Q(status__in=RELEASED_VISIT_STATUSES),
            ),
            ExclusionConstraint(
                name="visit_technician_not_double_booked",
                expressions=[
                    (TsTzRange("starts_at", "ends_at"), RangeOperators.OVERLAPS),
                    ("technician", RangeOperators.EQUAL),
                ],
                condition=Q(technician__isnull=False) & ~Q(status__in=RELEASED_VISIT_STATUSES),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.job.number} {self.starts_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self) -> str:
        return reverse("scheduling:visit_detail", args=[self.pk])

    @property
    def kind(self) -> str:
        """A visit does the work of its job: an install, a warranty call…"""
        return self.job.kind

    @property
    def holds_time(self) -> bool:
        return self.status not in RELEASED_VISIT_STATUSES

    @property
    def assignee_name(self) -> str:
        if self.crew_id and self.technician_id:
            return f"{self.crew} + {self.technician}"
        return str(self.crew or self.technician)


class VisitStatusChange(models.Model):
    """One dispatch step of a visit: who set it, when it happened, from what to what, and why."""

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20, choices=VisitStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=VisitStatus.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # When it happened (a time entered at close-out can be earlier than when it was recorded).
    changed_at = models.DateTimeField()
    recorded_at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["recorded_at", "id"]
        indexes = [models.Index(fields=["visit", "recorded_at"])]

    def __str__(self) -> str:
        return f"{self.visit_id}: {self.from_status or '—'} → {self.to_status}"


class CrewWorkingHours(models.Model):
    """When a crew works on one weekday. A crew with no rows works the company's default week."""

    crew = models.ForeignKey(Crew, on_delete=models.CASCADE, related_name="working_hours")
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices)
    starts = models.TimeField()
    ends = models.TimeField()

    class Meta:
        ordering = ["crew", "weekday"]
        verbose_name_plural = "crew working hours"
        constraints = [
            models.UniqueConstraint(fields=["crew", "weekday"], name="crew_working_hours_one_row_per_day"),
            models.CheckConstraint(condition=Q(ends__gt=F("starts")), name="crew_working_hours_end_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.crew} {self.get_weekday_display()} {self.starts:%H:%M}–{self.ends:%H:%M}"


class TimeOff(TimeStampedModel):
    """A crew or one employee is away (vacation, training, truck in the shop)."""

    crew = models.ForeignKey(Crew, on_delete=models.CASCADE, null=True, blank=True, related_name="time_off")
    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, null=True, blank=True, related_name="time_off")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    reason = models.CharField(max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name_plural = "time off"
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="time_off_ends_after_start"),
            models.CheckConstraint(
                condition=Q(crew__isnull=False, employee__isnull=True) | Q(crew__isnull=True, employee__isnull=False),
                name="time_off_for_crew_or_employee",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.crew or self.employee} off {self.starts_at:%Y-%m-%d}"


class BookingDefault(models.Model):
    """What a booking of one job kind starts from: how long it takes and the skills it needs."""

    kind = models.CharField(max_length=20, choices=JobKind.choices, unique=True)
    estimated_hours = models.DecimalField(max_digits=5, decimal_places=1)
    arrival_window_hours = models.PositiveSmallIntegerField(default=2, help_text="Width of the window promised.")
    skills = models.ManyToManyField(Skill, blank=True, related_name="+", help_text="A crew needs all of them.")

    class Meta:
        ordering = ["kind"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.estimated_hours} h"


class EquipmentRule(models.Model):
    """Equipment that changes a booking: a word in the job's equipment adds hours and/or a skill."""

    keyword = models.CharField(max_length=60, unique=True, help_text="Matched in the equipment text, any case.")
    extra_hours = models.DecimalField(max_digits=4, decimal_places=1, default=0)
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["keyword"]

    def __str__(self) -> str:
        return self.keyword


class CloseoutItem(models.Model):
    """A box to tick before a visit of this job kind can be closed out."""

    kind = models.CharField(max_length=20, choices=JobKind.choices)
    label = models.CharField(max_length=200)
    required = models.BooleanField(default=True)
    position = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["kind", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["kind", "label"], name="closeout_item_unique_label_per_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.label}"


class VisitChecklistTick(models.Model):
    """One close-out box ticked on one visit: by whom and when."""

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="checklist_ticks")
    item = models.ForeignKey(CloseoutItem, on_delete=models.PROTECT, related_name="+")
    ticked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    ticked_at = models.DateTimeField()

    class Meta:
        ordering = ["item__position", "id"]
        constraints = [models.UniqueConstraint(fields=["visit", "item"], name="checklist_tick_once_per_visit")]

    def __str__(self) -> str:
        return f"{self.visit_id}: {self.item_id}"


class Timecard(TimeStampedModel):
    """Hours one employee worked on one visit, entered at close-out; invoices bill labor from these."""

    visit = models.ForeignKey(Visit, on_delete=models.PROTECT, related_name="timecards")
    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="timecards")
    hours = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.25")), MaxValueValidator(Decimal("24"))],
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["visit", "employee__user__first_name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["visit", "employee"], name="timecard_one_per_employee_per_visit"),
            models.CheckConstraint(condition=Q(hours__gt=0), name="timecard_hours_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.employee} {self.hours} h on visit {self.visit_id}"


class Subcontractor(TimeStampedModel):
    name = models.CharField(max_length=120, unique=True)
    trade = models.CharField(max_length=20, choices=SubcontractorTrade.choices)
    phone = models.CharField(max_length=32, blank=True)
    email = models.EmailField(blank=True)
    notes = models.TextField(blank=True)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class SubcontractorBooking(TimeStampedModel):
    """Work a subcontractor does on a job (a crane lift, insulation, an electrical upgrade)."""

    job = models.ForeignKey(Job, on_delete=models.PROTECT, related_name="subcontractor_bookings")
    subcontractor = models.ForeignKey(Subcontractor, on_delete=models.PROTECT, related_name="bookings")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    status = models.CharField(
        max_length=20, choices=SubcontractorBookingStatus.choices, default=SubcontractorBookingStatus.BOOKED
    )
    notes = models.TextField(blank=True)
    cancel_reason = models.TextField(blank=True)
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["starts_at", "ends_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="subcontractor_booking_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.subcontractor} on {self.job.number}"
