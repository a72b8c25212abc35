from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import RangeOperators
from django.db import models
from django.db.models import F, Func, Q
from simple_history.models import HistoricalRecords

from installops.models import TimeStampedModel
from jobs.models import Job

from .choices import RELEASED_VISIT_STATUSES, EmployeeRole, VisitStatus, Weekday


class TsTzRange(Func):
    function = "TSTZRANGE"
    output_field = models.DateTimeField()


class Employee(TimeStampedModel):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="employee")
    role = models.CharField(max_length=20, choices=EmployeeRole.choices)
    phone = models.CharField(max_length=32, blank=True)
    active = models.BooleanField(default=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["user__first_name", "user__last_name", "id"]

    def __str__(self) -> str:
        return self.user.get_full_name() or self.user.get_username()


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
    on_my_way_at = models.DateTimeField(null=True, blank=True)
    on_site_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    closed_out_at = models.DateTimeField(null=True, blank=True)
    status_reason = models.TextField(blank=True, help_text="Why it was cancelled or rescheduled.")

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
