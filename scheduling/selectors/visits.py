"""The visit pages: a job's visits and subcontractors, one visit with its history."""

from django.db.models import QuerySet

from jobs.models import Job
from jobs.readiness import readiness_annotate

from ..models import SubcontractorBooking, Visit
from .visibility import visit_list_visible_to


def visit_list_for_job(*, user, job: Job) -> list[Visit]:
    visits = (
        visit_list_visible_to(user)
        .filter(job=job)
        .select_related("job", "crew", "technician__user")
        .order_by("starts_at")
    )
    return list(readiness_annotate(visits, on_visits=True))


def visit_get_for_detail(*, user, pk: int) -> Visit:
    """Raises Visit.DoesNotExist when the user may not see it."""
    visits = visit_list_visible_to(user).select_related(
        "job__customer", "job__site", "job__primary_tech", "crew__lead__user", "technician__user", "actual_lead__user"
    )
    return readiness_annotate(visits, on_visits=True).prefetch_related("status_changes__changed_by").get(pk=pk)


def subcontractor_booking_list_for_job(*, job: Job) -> QuerySet[SubcontractorBooking]:
    return SubcontractorBooking.objects.filter(job=job).select_related("subcontractor").order_by("starts_at")
