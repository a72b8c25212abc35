"""Utility and manufacturer rebates: the programs, the equipment ratings they judge by, and each claim."""

from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from installops.models import TimeStampedModel
from jobs.choices import EquipmentKind
from jobs.models import InstalledEquipment, Job

from ..choices import RebateDocument, RebatePayee, RebateStatus, SponsorKind

NOT_NEGATIVE = [MinValueValidator(Decimal("0"))]


def _rating(label: str) -> models.DecimalField:
    return models.DecimalField(label, max_digits=5, decimal_places=2, null=True, blank=True, validators=NOT_NEGATIVE)


class EquipmentRating(TimeStampedModel):
    """A model's certified ratings, so an installed unit's model number finds them."""

    manufacturer = models.CharField(max_length=80)
    model_number = models.CharField("model", max_length=80, unique=True)
    kind = models.CharField(max_length=24, choices=EquipmentKind.choices)
    seer2 = _rating("SEER2")
    eer2 = _rating("EER2")
    hspf2 = _rating("HSPF2")
    afue = _rating("AFUE %")
    ahri_reference = models.CharField("AHRI reference number", max_length=40, blank=True)

    class Meta:
        ordering = ["manufacturer", "model_number"]

    def __str__(self) -> str:
        return f"{self.manufacturer} {self.model_number}"


class RebateProgram(TimeStampedModel):
    """A rebate on offer, what it pays, to whom, for what equipment and against which papers."""

    name = models.CharField(max_length=120, unique=True)
    sponsor_kind = models.CharField(max_length=20, choices=SponsorKind.choices)
    sponsor_name = models.CharField(max_length=120)
    active = models.BooleanField(default=True)
    amount = models.DecimalField(max_digits=10, decimal_places=2, validators=NOT_NEGATIVE)
    payee_default = models.CharField("paid to", max_length=10, choices=RebatePayee.choices)
    required_documents = ArrayField(
        models.CharField(max_length=20, choices=RebateDocument.choices), blank=True, default=list
    )
    equipment_kinds = ArrayField(
        models.CharField(max_length=24, choices=EquipmentKind.choices),
        default=list,
        help_text="An installed unit of one of these kinds qualifies (with the ratings below).",
    )
    min_seer2 = _rating("minimum SEER2")
    min_eer2 = _rating("minimum EER2")
    min_hspf2 = _rating("minimum HSPF2")
    min_afue = _rating("minimum AFUE %")
    notes = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [models.CheckConstraint(condition=Q(amount__gte=0), name="rebate_program_amount_not_negative")]

    def __str__(self) -> str:
        return self.name


class Rebate(TimeStampedModel):
    """One claim of a program for a job: opened, submitted with its papers, then approved or denied, paid."""

    job = models.ForeignKey(Job, on_delete=models.PROTECT, related_name="rebates")
    program = models.ForeignKey(RebateProgram, on_delete=models.PROTECT, related_name="rebates")
    units = models.ManyToManyField(InstalledEquipment, related_name="rebates", blank=True)
    ahri_reference = models.CharField("AHRI reference number", max_length=40, blank=True)
    payee = models.CharField("paid to", max_length=10, choices=RebatePayee.choices)
    amount_expected = models.DecimalField(max_digits=10, decimal_places=2, validators=NOT_NEGATIVE)
    amount_received = models.DecimalField(
        max_digits=10, decimal_places=2, null=True, blank=True, validators=NOT_NEGATIVE
    )
    status = models.CharField(max_length=12, choices=RebateStatus.choices, default=RebateStatus.TO_SUBMIT)
    opened_on = models.DateField()
    submitted_on = models.DateField(null=True, blank=True)
    decided_on = models.DateField("approved or denied on", null=True, blank=True)
    paid_on = models.DateField(null=True, blank=True)
    claim_reference = models.CharField(max_length=60, blank=True)
    denial_reason = models.TextField(blank=True)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")

    history = HistoricalRecords()

    class Meta:
        ordering = ["opened_on", "id"]
        indexes = [models.Index(fields=["status", "opened_on"])]
        constraints = [
            models.UniqueConstraint(fields=["job", "program"], name="rebate_once_per_job_and_program"),
            models.CheckConstraint(condition=Q(amount_expected__gte=0), name="rebate_expected_not_negative"),
            models.CheckConstraint(
                condition=~Q(status=RebateStatus.PAID) | Q(amount_received__isnull=False, paid_on__isnull=False),
                name="rebate_paid_has_amount_and_date",
            ),
            models.CheckConstraint(
                condition=~Q(status=RebateStatus.DENIED) | ~Q(denial_reason=""), name="rebate_denied_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.program} on {self.job.number}: {self.get_status_display()}"
