"""Maintenance agreements ("the club"): the plans sold, each customer's agreement and its visits."""

from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from installops.models import TimeStampedModel
from jobs.models import Customer, Job, Site

from ..choices import AgreementStatus, Season


class AgreementPlan(TimeStampedModel):
    name = models.CharField(max_length=60, unique=True)
    price = models.DecimalField(max_digits=10, decimal_places=2, validators=[MinValueValidator(Decimal("0"))])
    term_months = models.PositiveSmallIntegerField(default=12, validators=[MinValueValidator(1)])
    visits_per_term = models.PositiveSmallIntegerField(default=2, validators=[MinValueValidator(1)])
    seasons = ArrayField(models.CharField(max_length=10, choices=Season.choices), default=list)
    auto_renew_default = models.BooleanField("renews by itself unless told", default=True)
    active = models.BooleanField(default=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["price", "name"]

    def __str__(self) -> str:
        return self.name


class MaintenanceAgreement(TimeStampedModel):
    customer = models.ForeignKey(Customer, on_delete=models.PROTECT, related_name="agreements")
    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="agreements")
    plan = models.ForeignKey(AgreementPlan, on_delete=models.PROTECT, related_name="agreements")
    price = models.DecimalField(max_digits=10, decimal_places=2, validators=[MinValueValidator(Decimal("0"))])
    starts_on = models.DateField()
    ends_on = models.DateField()
    visits_included = models.PositiveSmallIntegerField()
    auto_renew = models.BooleanField(default=True)
    status = models.CharField(max_length=10, choices=AgreementStatus.choices, default=AgreementStatus.ACTIVE)
    renewed_from = models.OneToOneField("self", on_delete=models.PROTECT, null=True, blank=True, related_name="renewal")
    sold_on_job = models.ForeignKey(
        Job, on_delete=models.PROTECT, null=True, blank=True, related_name="agreements_sold"
    )
    cancelled_on = models.DateField(null=True, blank=True)
    cancel_reason = models.TextField(blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")

    history = HistoricalRecords()

    class Meta:
        ordering = ["ends_on", "id"]
        indexes = [models.Index(fields=["status", "ends_on"])]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gt=F("starts_on")), name="agreement_ends_after_start"),
            models.CheckConstraint(condition=Q(price__gte=0), name="agreement_price_not_negative"),
            models.CheckConstraint(
                condition=~Q(status=AgreementStatus.CANCELLED) | ~Q(cancel_reason=""),
                name="agreement_cancelled_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan} for {self.customer}, {self.starts_on:%b %Y}–{self.ends_on:%b %Y}"


class AgreementVisit(models.Model):
    """A maintenance visit the agreement includes: its season's due window and the job that books it."""

    agreement = models.ForeignKey(MaintenanceAgreement, on_delete=models.CASCADE, related_name="visits")
    season = models.CharField(max_length=10, choices=Season.choices)
    due_from = models.DateField()
    due_until = models.DateField()
    job = models.OneToOneField(Job, on_delete=models.PROTECT, related_name="agreement_visit")

    class Meta:
        ordering = ["due_from", "id"]
        constraints = [models.CheckConstraint(condition=Q(due_until__gte=F("due_from")), name="agreement_visit_window")]

    def __str__(self) -> str:
        return f"{self.get_season_display()} visit, {self.due_from}–{self.due_until}"
