"""A job's permit as the permit panel and the start gate read it."""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import QuerySet

from ..choices import LIVE_PERMIT_STATUSES, NUMBERED_PERMIT_STATUSES
from ..models import Permit, PermitExemption, PermitStartOverride
from .jurisdictions import SiteJurisdictionAnswer, site_jurisdiction
from .requirements import PermitRequirement, permit_requirement

# What the phone and the board say when an install is started without its permit.
NO_ISSUED_PERMIT = "No issued permit for this job: ask the office."


@dataclass
class PermitPanel:
    requirement: PermitRequirement
    permit: Permit | None
    earlier: list[Permit]
    exemption: PermitExemption | None
    overrides: list[PermitStartOverride]
    jurisdiction: SiteJurisdictionAnswer
    history: list = field(default_factory=list)


def permit_list_for_job(*, job) -> QuerySet[Permit]:
    return (
        Permit.objects.filter(job_id=job.pk).select_related("jurisdiction", "document").order_by("-created_at", "-id")
    )


def permit_get_live(*, job) -> Permit | None:
    """The job's permit that is still alive (to apply, applied, issued or finaled), if any."""
    return permit_list_for_job(job=job).filter(status__in=LIVE_PERMIT_STATUSES).first()


def permit_code_cycle(day) -> str:
    """The Title 24 code cycle in force on `day` (settings.TITLE24_CODE_CYCLES), '' before the first."""
    cycle = ""
    for starts_on, name in sorted(settings.TITLE24_CODE_CYCLES):
        if starts_on <= day:
            cycle = name
    return cycle


def permit_panel_for(*, job) -> PermitPanel:
    """Everything the job page's permit panel shows, in a fixed number of queries."""
    permits = list(permit_list_for_job(job=job))
    live = next((permit for permit in permits if permit.status in LIVE_PERMIT_STATUSES), None)
    exemption = PermitExemption.objects.filter(job_id=job.pk).select_related("decided_by").first()
    overrides = list(PermitStartOverride.objects.filter(job_id=job.pk).select_related("granted_by"))
    history = []
    if live is not None:
        history = list(live.history.select_related("history_user").order_by("-history_date", "-history_id")[:10])
    return PermitPanel(
        requirement=permit_requirement(job, exemption=exemption),
        permit=live,
        earlier=[permit for permit in permits if permit is not live],
        exemption=exemption,
        overrides=overrides,
        jurisdiction=site_jurisdiction(job.site),
        history=history,
    )


def permit_start_refusal(*, job) -> str:
    """Why an install visit of this job may not start yet ('' when it may): no issued permit, no override."""
    if not permit_requirement(job).needed:
        return ""
    if Permit.objects.filter(job_id=job.pk, status__in=NUMBERED_PERMIT_STATUSES).exists():
        return ""
    if PermitStartOverride.objects.filter(job_id=job.pk).exists():
        return ""
    return NO_ISSUED_PERMIT
