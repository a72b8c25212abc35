from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import RangeOperators
from django.db import models
from django.db.models import F, Func, Q
from simple_history.models import HistoricalRecords

from installops.models import TimeStampedModel
from jobs.models import Job

from .choices import RELEASED_VISIT_STATUSES, EmployeeRole, VisitStatus


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

    on_my_way_at = models.DateTimeField(null=True, blank=True)
    on_site_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    closed_out_at = models.DateTimeField(null=True, blank=True)
    status_reason = models.TextField(blank=True, help_text="Why it was cancelled or rescheduled.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["starts_at", "ends_at"])]
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
