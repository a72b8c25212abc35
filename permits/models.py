from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from installops.models import TimeStampedModel
from jobs.models import Job

from .choices import NUMBERED_PERMIT_STATUSES, PermitStatus


class Jurisdiction(TimeStampedModel):
    """A building department that issues permits and sends inspectors."""

    name = models.CharField(max_length=120, unique=True)
    phone = models.CharField(max_length=32, blank=True)
    portal_url = models.URLField(blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Permit(TimeStampedModel):
    job = models.ForeignKey(Job, on_delete=models.PROTECT, related_name="permits")
    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.PROTECT, related_name="permits")
    status = models.CharField(max_length=20, choices=PermitStatus.choices, default=PermitStatus.APPLIED)
    number = models.CharField("permit number", max_length=60, blank=True)
    applied_on = models.DateField(null=True, blank=True)
    issued_on = models.DateField(null=True, blank=True)
    packet_mailed_on = models.DateField("permit packet mailed", null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-applied_on", "-id"]
        constraints = [
            # An issued permit always carries its number.
            models.CheckConstraint(
                condition=~Q(status__in=NUMBERED_PERMIT_STATUSES) | ~Q(number=""), name="permit_issued_has_number"
            ),
            models.UniqueConstraint(
                fields=["jurisdiction", "number"], condition=~Q(number=""), name="permit_number_unique_per_jurisdiction"
            ),
        ]

    def __str__(self) -> str:
        return self.number or f"Permit for {self.job.number} ({self.get_status_display().lower()})"
