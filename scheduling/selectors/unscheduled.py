"""The unscheduled queue: sold jobs with no visit holding time."""

from django.db.models import Exists, OuterRef, QuerySet

from jobs.choices import JobStatus
from jobs.models import Job
from jobs.readiness import readiness_annotate

from ..choices import RELEASED_VISIT_STATUSES
from ..models import Visit

# Jobs that should have a visit booked while they are in one of these statuses.
NEEDS_VISIT_STATUSES = [JobStatus.SOLD, JobStatus.SCHEDULED, JobStatus.PERMITTED, JobStatus.READY]


def job_list_unscheduled() -> QuerySet[Job]:
    """Every sold job with no visit holding time, oldest sale first: nothing sold is forgotten."""
    booked = Visit.objects.filter(job_id=OuterRef("pk")).exclude(status__in=RELEASED_VISIT_STATUSES)
    jobs = (
        Job.objects.filter(status__in=NEEDS_VISIT_STATUSES)
        .exclude(Exists(booked))
        .select_related("customer", "site", "salesperson", "original_job")
        .order_by("sold_on", "id")
    )
    return readiness_annotate(jobs, on_visits=False)
