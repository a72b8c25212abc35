"""Callbacks: warranty, correction and failed-HERS jobs that go back to a crew's install."""

from datetime import date

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from jobs.choices import CALLBACK_KINDS
from jobs.models import Job

from ..choices import RELEASED_VISIT_STATUSES, VisitStatus
from ..models import Crew, Visit

# A visit in one of these held its crew's time: the install it did counts.
HELD_VISIT_STATUSES = [status for status in VisitStatus.values if status not in RELEASED_VISIT_STATUSES]


def crew_list_with_callback_counts(*, since: date | None = None) -> QuerySet[Crew]:
    """Crews with `callback_count`: warranty / correction / failed-HERS jobs that went back to an
    install the crew did (one query)."""
    callbacks = Job.objects.filter(
        kind__in=CALLBACK_KINDS,
        original_job__visits__crew=OuterRef("pk"),
        original_job__visits__status__in=HELD_VISIT_STATUSES,
    )
    if since:
        callbacks = callbacks.filter(sold_on__gte=since)
    counted = callbacks.order_by().values("original_job__visits__crew").annotate(n=Count("pk", distinct=True))
    return Crew.objects.annotate(
        callback_count=Coalesce(Subquery(counted.values("n")[:1]), 0, output_field=IntegerField())
    )


def callback_counts_by_crew(*, crew_ids: list[int], since: date | None = None) -> dict[int, int]:
    """crew id → callbacks on that crew's installs, in one grouped query (for pages listing many crews)."""
    callbacks = Job.objects.filter(
        kind__in=CALLBACK_KINDS,
        original_job__visits__crew_id__in=crew_ids,
        original_job__visits__status__in=HELD_VISIT_STATUSES,
    )
    if since:
        callbacks = callbacks.filter(sold_on__gte=since)
    rows = callbacks.order_by().values("original_job__visits__crew_id").annotate(n=Count("pk", distinct=True))
    return {row["original_job__visits__crew_id"]: row["n"] for row in rows}


def crew_of_original_install(job: Job) -> Crew | None:
    """For a callback: the crew that did the install it goes back to."""
    if not job.original_job_id:
        return None
    visit = (
        Visit.objects.filter(job_id=job.original_job_id, crew__isnull=False)
        .exclude(status__in=RELEASED_VISIT_STATUSES)
        .select_related("crew")
        .order_by("-starts_at")
        .first()
    )
    return visit.crew if visit else None
