"""Which building department a site belongs to: found by its city, or picked by the office."""

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
