"""Labor on a job: the hours each employee worked on its visits."""

from decimal import Decimal

from django.db.models import QuerySet, Sum

from jobs.models import Job

from ..choices import RELEASED_VISIT_STATUSES
from ..models import Timecard


def timecard_list_for_job(*, job: Job) -> QuerySet[Timecard]:
    """Labor on a job, per employee per visit: what the invoice bills."""
    return (
        Timecard.objects.filter(visit__job=job)
        .exclude(visit__status__in=RELEASED_VISIT_STATUSES)
        .select_related("employee__user", "visit")
        .order_by("visit__starts_at", "employee__user__first_name")
    )


def timecard_hours_for_job(*, job: Job) -> Decimal:
    total = timecard_list_for_job(job=job).aggregate(total=Sum("hours"))["total"]
    return total or Decimal("0")
