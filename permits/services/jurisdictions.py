"""The building departments: adding one and keeping its details current, and which one a site belongs to
(found by its city, or picked by the office)."""

from django.db import transaction

from installops.errors import DomainError, full_clean_or_refuse
from installops.history import history_note
from jobs.models import Site

from ..choices import PermitStatus
from ..models import Jurisdiction, Permit, SiteJurisdiction
from ..selectors import jurisdiction_for_city


def site_jurisdiction_infer(*, site: Site) -> SiteJurisdiction | None:
    """Store the department the site's city belongs to, unless the site has one already."""
    with transaction.atomic():
        site = Site.objects.select_for_update().get(pk=site.pk)
        existing = SiteJurisdiction.objects.filter(site_id=site.pk).first()
        if existing is not None:
            return existing
        found = jurisdiction_for_city(site.city)
        if found is None:
            return None
        link = SiteJurisdiction(site=site, jurisdiction=found, inferred=True)
        full_clean_or_refuse(link)
        history_note(link, by=None, reason=f"Found by city: {site.city}")
        link.save()
        return link


def site_jurisdiction_set(*, site: Site, jurisdiction: Jurisdiction, by) -> SiteJurisdiction:
    """The office says which department the site belongs to (kept when departments' cities change).

    A permit not applied for yet goes to the new department with it; one already applied for stays
    where it was filed.
    """
    if not jurisdiction.active:
        raise DomainError("That building department is no longer in use.", field="jurisdiction")
    with transaction.atomic():
        site = Site.objects.select_for_update().get(pk=site.pk)
        link = SiteJurisdiction.objects.select_for_update().filter(site_id=site.pk).first()
        if link is None:
            link = SiteJurisdiction(site=site)
        link.jurisdiction, link.inferred, link.set_by = jurisdiction, False, by
        full_clean_or_refuse(link)
        history_note(link, by=by, reason=f"Picked {jurisdiction.name}")
        link.save()
        for permit in Permit.objects.select_for_update().filter(job__site_id=site.pk, status=PermitStatus.TO_APPLY):
            permit.jurisdiction = jurisdiction
            history_note(permit, by=by, reason=f"Department changed to {jurisdiction.name}")
            permit.save(update_fields=["jurisdiction", "updated_at"])
    return link


JURISDICTION_FIELDS = [
    "name",
    "kind",
    "cities",
    "phone",
    "email",
    "portal_url",
    "typical_days_to_issue",
    "inspection_booking",
    "inspection_windows",
    "permit_valid_days",
    "notes",
    "active",
]


def _normalised_cities(cities) -> list[str]:
    """Lower case, trimmed, each once, in the order given (sites are matched on the city as typed)."""
    seen: list[str] = []
    for city in cities or []:
        city = " ".join(str(city).split()).lower()
        if city and city not in seen:
            seen.append(city)
    return seen


def _refuse_cities_claimed(*, cities: list[str], active: bool, pk: int | None) -> None:
    """A city belongs to one active department, or a site there could not be placed by its city."""
    if not cities or not active:
        return
    others = Jurisdiction.objects.select_for_update().filter(active=True, cities__overlap=cities)
    if pk is not None:
        others = others.exclude(pk=pk)
    other = others.order_by("name").first()
    if other is not None:
        taken = [city for city in cities if city in other.cities]
        listed = ", ".join(city.title() for city in taken)
        raise DomainError(f"{listed} already belong{'s' if len(taken) == 1 else ''} to {other.name}.", field="cities")


def jurisdiction_create(*, by, **values) -> Jurisdiction:
    """Add a building department (a city or a county)."""
    unknown = set(values) - set(JURISDICTION_FIELDS)
    if unknown:
        raise DomainError(f"These fields cannot be set here: {', '.join(sorted(unknown))}.")
    values["cities"] = _normalised_cities(values.get("cities"))
    jurisdiction = Jurisdiction(**values)
    full_clean_or_refuse(jurisdiction)
    with transaction.atomic():
        _refuse_cities_claimed(cities=jurisdiction.cities, active=jurisdiction.active, pk=None)
        history_note(jurisdiction, by=by, reason="Added")
        jurisdiction.save()
    return jurisdiction


def jurisdiction_update(*, jurisdiction: Jurisdiction, by, **changes) -> Jurisdiction:
    """Edit a department's details. Sites already placed stay where they are (`SiteJurisdiction`)."""
    unknown = set(changes) - set(JURISDICTION_FIELDS)
    if unknown:
        raise DomainError(f"These fields cannot be edited here: {', '.join(sorted(unknown))}.")
    if "cities" in changes:
        changes["cities"] = _normalised_cities(changes["cities"])
    with transaction.atomic():
        current = Jurisdiction.objects.select_for_update().get(pk=jurisdiction.pk)
        for name, value in changes.items():
            setattr(current, name, value)
        full_clean_or_refuse(current)
        _refuse_cities_claimed(cities=current.cities, active=current.active, pk=current.pk)
        history_note(current, by=by, reason="Details edited")
        current.save(update_fields=[*changes, "updated_at"])
    return current
