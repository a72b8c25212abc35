"""The visit pages: a job's visits and subcontractors, one visit with its history."""

from django.db.models import QuerySet

from jobs.models import Job
from jobs.readiness import readiness_annotate
from jobs.selectors import job_list_visible_to

from ..models import SubcontractorBooking, Visit
from .visibility import visit_list_visible_to


def visit_list_for_job(*, user, job: Job) -> list[Visit]:
    """The job page's visits. Whoever works with visits sees the ones they may open; whoever may open
    the job but not its visits (a salesperson on a job they sold) sees every visit of it, read-only,
    for its dates."""
    if user.has_perm("scheduling.view_visit"):
        visits = visit_list_visible_to(user)
    else:
        visits = Visit.objects.filter(job__in=job_list_visible_to(user))
    visits = visits.filter(job=job).select_related("job", "crew", "technician__user").order_by("starts_at")
    return list(readiness_annotate(visits, on_visits=True))


def visit_get_for_detail(*, user, pk: int) -> Visit:
    """Raises Visit.DoesNotExist when the user may not see it."""
    visits = visit_list_visible_to(user).select_related(
        "job__customer", "job__site", "job__primary_tech", "crew__lead__user", "technician__user", "actual_lead__user"
    )
    return readiness_annotate(visits, on_visits=True).prefetch_related("status_changes__changed_by").get(pk=pk)


def subcontractor_booking_list_for_job(*, job: Job) -> QuerySet[SubcontractorBooking]:
    return SubcontractorBooking.objects.filter(job=job).select_related("subcontractor").order_by("starts_at")
