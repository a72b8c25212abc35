"""The building departments: the office's jurisdictions pages, and which one a site belongs to (the one the
office picked, or the one its city names)."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from jobs.models import Site

from ..choices import LIVE_PERMIT_STATUSES
from ..models import Jurisdiction, SiteJurisdiction


@dataclass(frozen=True)
class SiteJurisdictionAnswer:
    """The site's department (None when neither picked nor found by city) and how it was decided."""

    jurisdiction: Jurisdiction | None
    # "picked" by the office, "inferred" and kept, "by city" (found now, not stored yet), or "".
    source: str


def jurisdiction_list_active():
    return Jurisdiction.objects.filter(active=True).order_by("name")


def jurisdiction_for_city(city: str) -> Jurisdiction | None:
    """The active department whose cities include `city` (any case); a city's department before a county's."""
    wanted = " ".join((city or "").split()).lower()
    if not wanted:
        return None
    # A few dozen departments at most: compare in Python, whatever case the office typed the cities in.
    for jurisdiction in Jurisdiction.objects.filter(active=True).exclude(cities=[]).order_by("kind", "name"):
        if wanted in {" ".join(name.split()).lower() for name in jurisdiction.cities}:
            return jurisdiction
    return None


def site_jurisdiction(site: Site) -> SiteJurisdictionAnswer:
    """The site's department: its stored link, else the department its city belongs to."""
    link = SiteJurisdiction.objects.filter(site_id=site.pk).select_related("jurisdiction").first()
    if link is not None:
        return SiteJurisdictionAnswer(link.jurisdiction, "inferred" if link.inferred else "picked")
    found = jurisdiction_for_city(site.city)
    return SiteJurisdictionAnswer(found, "by city" if found else "")


def jurisdiction_list_for_table() -> QuerySet[Jurisdiction]:
    """Every department with its number of live permits: one query, whatever the number of permits."""
    return Jurisdiction.objects.annotate(
        live_permit_count=Count("permits", filter=Q(permits__status__in=LIVE_PERMIT_STATUSES))
    ).order_by("-active", "name")


def jurisdiction_get(*, pk: int) -> Jurisdiction:
    return Jurisdiction.objects.get(pk=pk)
