"""A job's inspections as its pages show them, and the windows its jurisdiction gives."""

from django.db.models import Prefetch, QuerySet

from jobs.models import Document, Job

from ..choices import LIVE_PERMIT_STATUSES
from ..models import Inspection, Permit, SiteJurisdiction


def inspection_list_for_job(*, job: Job) -> QuerySet[Inspection]:
    """Newest first, with who asked and recorded, the correction job, the re-inspection and the photos."""
    return (
        Inspection.objects.filter(job_id=job.pk)
        .select_related("requested_by", "recorded_by", "correction_job", "reinspection", "reinspection_of")
        .prefetch_related(Prefetch("photos", queryset=Document.objects.filter(removed_at__isnull=True).order_by("id")))
        .order_by("-requested_at", "-id")
    )


def inspection_windows_for_job(*, job: Job) -> list[str]:
    """The inspection windows the job's department gives ("8–12, 12–4" → ["8–12", "12–4"])."""
    permit = (
        Permit.objects.filter(job_id=job.pk, status__in=LIVE_PERMIT_STATUSES).select_related("jurisdiction").first()
    )
    if permit is not None:
        text = permit.jurisdiction.inspection_windows
    else:
        link = SiteJurisdiction.objects.filter(site_id=job.site_id).select_related("jurisdiction").first()
        text = link.jurisdiction.inspection_windows if link else ""
    return [window.strip() for window in text.split(",") if window.strip()]
