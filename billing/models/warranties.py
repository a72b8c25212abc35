"""Manufacturer warranty registrations: each brand's terms, and the registration of each installed unit.

The registration here is the one record of a unit being registered."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from simple_history.models import HistoricalRecords

from installops.models import TimeStampedModel
from jobs.models import InstalledEquipment


class WarrantyTerms(TimeStampedModel):
    """A brand's registration terms: registered within so many days of the install, the longer
    warranty it then gives."""

    manufacturer = models.CharField(max_length=80, help_text="As written on the installed equipment.")
    register_within_days = models.PositiveSmallIntegerField(default=60)
    parts_years = models.PositiveSmallIntegerField()
    labor_years = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["manufacturer"]
        verbose_name_plural = "warranty terms"
        constraints = [models.UniqueConstraint(Lower("manufacturer"), name="warranty_terms_manufacturer_unique")]

    def __str__(self) -> str:
        return f"{self.manufacturer}: {self.register_within_days} days, {self.parts_years} yr parts"


class WarrantyRegistration(TimeStampedModel):
    unit = models.OneToOneField(InstalledEquipment, on_delete=models.PROTECT, related_name="warranty_registration")
    terms = models.ForeignKey(WarrantyTerms, on_delete=models.PROTECT, related_name="registrations")
    due_on = models.DateField(null=True, blank=True, help_text="When it was due (install day + the brand's days).")
    confirmation_number = models.CharField(max_length=60)
    registered_on = models.DateField()
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    history = HistoricalRecords()

    class Meta:
        ordering = ["-registered_on", "-id"]

    def __str__(self) -> str:
        return f"{self.unit.serial_number}: conf. {self.confirmation_number}"
