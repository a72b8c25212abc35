"""Warranty registrations: which installed units are due (the brand's days after the install's
completion, in the company's day), and each unit's registration status, in a fixed number of queries."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, DateField, Exists, F, Func, OuterRef, Q, Subquery
from django.db.models.functions import TruncDate

from installops.clock import company_today, company_zone
from jobs.choices import JobStatus
from jobs.models import InstalledEquipment
from jobs.selectors import job_list_visible_to
from scheduling.models import Visit

from ..models import WarrantyRegistration, WarrantyTerms

WARRANTY_LIST_LIMIT = 200


def _terms(field: str) -> Subquery:
    terms = WarrantyTerms.objects.filter(active=True, manufacturer__iexact=OuterRef("manufacturer"))
    return Subquery(terms.values(field)[:1])


def _install_completed_at() -> Subquery:
    """When the job's last visit was completed (its install's completion)."""
    visits = Visit.objects.filter(job_id=OuterRef("job_id"), completed_at__isnull=False).order_by("-completed_at")
    return Subquery(visits.values("completed_at")[:1])


def units_with_due_dates():  # QuerySet[InstalledEquipment], with annotations the type cannot carry
    """Installed units annotated with their brand's terms, the install's company day and the due day."""
    return (
        InstalledEquipment.objects.annotate(
            terms_id=_terms("pk"),
            register_within_days=_terms("register_within_days"),
            install_completed_at=_install_completed_at(),
        )
        .annotate(installed_on=TruncDate("install_completed_at", tzinfo=company_zone()))
        .annotate(
            due_on=Func(
                F("installed_on"),
                F("register_within_days"),
                template="(%(expressions)s)",
                arg_joiner=" + ",
                output_field=DateField(),
            )
        )
    )


@dataclass
class DueRegistration:
    unit: InstalledEquipment
    due_on: date
    days_left: int

    @property
    def overdue(self) -> bool:
        return self.days_left < 0

    @property
    def days_overdue(self) -> int:
        return -self.days_left


def _due_units(*, user=None):
    units = (
        units_with_due_dates()
        .filter(terms_id__isnull=False, install_completed_at__isnull=False)
        .exclude(Exists(WarrantyRegistration.objects.filter(unit_id=OuterRef("pk"))))
        .exclude(job__status=JobStatus.CANCELLED)
    )
    if user is not None:
        units = units.filter(job__in=job_list_visible_to(user))
    return units


def warranty_due_list(
    *, user=None, today: date | None = None, within_days: int | None = None, limit: int = WARRANTY_LIST_LIMIT
) -> tuple[list[DueRegistration], int]:
    """Units still to register, overdue first then by due day, and how many there are in all."""
    today = today or company_today()
    units = _due_units(user=user)
    if within_days is not None:
        units = units.filter(due_on__lte=today + timedelta(days=within_days))
    total = units.count()
    rows = units.select_related("job", "job__customer").order_by("due_on", "pk")[:limit]
    return [DueRegistration(unit, unit.due_on, (unit.due_on - today).days) for unit in rows], total


def warranty_due_counts(*, today: date | None = None, within_days: int) -> dict[str, int]:
    """How many registrations are overdue and due within `within_days` (one query)."""
    today = today or company_today()
    return _due_units().aggregate(
        overdue=Count("pk", filter=Q(due_on__lt=today)),
        due_soon=Count("pk", filter=Q(due_on__gte=today, due_on__lte=today + timedelta(days=within_days))),
    )


def warranty_registration_list(*, user, limit: int = WARRANTY_LIST_LIMIT) -> list[WarrantyRegistration]:
    """The latest registrations, newest first."""
    registrations = WarrantyRegistration.objects.filter(unit__job__in=job_list_visible_to(user)).select_related(
        "unit", "unit__job", "unit__job__customer", "terms", "registered_by"
    )
    return list(registrations.order_by("-registered_on", "-pk")[:limit])


def warranty_unit_due_on(unit: InstalledEquipment) -> tuple[WarrantyTerms | None, date | None]:
    """The unit's brand terms and its due day (None before the install is completed)."""
    row = units_with_due_dates().filter(pk=unit.pk).values("terms_id", "due_on").get()
    terms = WarrantyTerms.objects.get(pk=row["terms_id"]) if row["terms_id"] else None
    return terms, row["due_on"]


def warranty_unit_get_visible(*, user, pk: int) -> InstalledEquipment:
    return InstalledEquipment.objects.select_related("job", "job__customer").get(
        pk=pk, job__in=job_list_visible_to(user)
    )


@dataclass(frozen=True)
class WarrantyStatus:
    registered: bool
    confirmation_number: str = ""
    registered_on: date | None = None
    due_on: date | None = None

    @property
    def text(self) -> str:
        """How an invoice's equipment line or a job page says it."""
        if self.registered:
            return f"registered, conf. #{self.confirmation_number}"
        if self.due_on:
            return f"warranty to register by {self.due_on:%b} {self.due_on.day}, {self.due_on.year}"
        return ""


def warranty_status_for_units(units) -> dict[int, WarrantyStatus]:
    """Each unit's registration status by unit id (two queries whatever the number of units).

    A unit of a brand without terms, or of an install not completed yet, reads "" (nothing to say)."""
    ids = [unit.pk if hasattr(unit, "pk") else int(unit) for unit in units]
    registrations = {row.unit_id: row for row in WarrantyRegistration.objects.filter(unit_id__in=ids)}
    due = dict(units_with_due_dates().filter(pk__in=ids, terms_id__isnull=False).values_list("pk", "due_on"))
    status = {}
    for unit_id in ids:
        registration = registrations.get(unit_id)
        if registration is not None:
            status[unit_id] = WarrantyStatus(
                True, registration.confirmation_number, registration.registered_on, registration.due_on
            )
        else:
            status[unit_id] = WarrantyStatus(False, due_on=due.get(unit_id))
    return status
