"""Booking a visit: a crew and/or a technician on a job for a block of time."""

from datetime import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from installops.errors import full_clean_or_refuse
from installops.history import history_note
from installops.timefmt import local_span
from jobs.choices import JobStatus
from jobs.models import Job
from jobs.services import job_follow_facts
from people.models import Employee

from .. import signals
from ..choices import VisitStatus
from ..models import Crew, Visit
from .checks import Assignment, check_assignment, check_availability, check_job_bookable, check_times
from .clashes import refuse_known_clash, save_or_name_the_clash
from .dispatch import visit_status_change_record
from .events import send_after_commit, status_change_id


def visit_book(
    *,
    job: Job,
    crew: Crew | None = None,
    technician: Employee | None = None,
    starts_at: datetime,
    ends_at: datetime,
    arrival_window_start: datetime | None = None,
    arrival_window_end: datetime | None = None,
    notes: str = "",
    by,
    override_reason: str = "",
    estimated_hours: Decimal | None = None,
    rescheduled_from: Visit | None = None,
) -> Visit:
    """Book a crew and/or a technician on a job for a block of time.

    Refuses a double booking (naming the visit in the way) and, unless a reason is given, a booking
    outside the crew's working hours or over time off. A sold job becomes scheduled.
    """
    assignment = Assignment(crew, technician)
    check_assignment(assignment)
    check_times(starts_at, ends_at, arrival_window_start, arrival_window_end)
    with transaction.atomic():
        job = Job.objects.select_for_update().get(pk=job.pk)
        check_job_bookable(job)
        visit = Visit(
            job=job,
            crew=crew,
            technician=technician,
            starts_at=starts_at,
            ends_at=ends_at,
            arrival_window_start=arrival_window_start,
            arrival_window_end=arrival_window_end,
            notes=notes,
            estimated_hours=estimated_hours,
            override_reason=override_reason.strip(),
            booked_by=by,
            rescheduled_from=rescheduled_from,
            status=VisitStatus.SCHEDULED,
        )
        refuse_known_clash(visit)
        check_availability(assignment=assignment, starts_at=starts_at, ends_at=ends_at, override_reason=override_reason)
        # Overlaps are the database's job (see save_or_name_the_clash); the rest is checked here.
        full_clean_or_refuse(visit, validate_constraints=False)
        history_note(visit, by=by, reason="Booked")
        save_or_name_the_clash(visit)
        record = visit_status_change_record(
            visit=visit, from_status="", to_status=VisitStatus.SCHEDULED, by=by, at=timezone.now()
        )
        if job.status == JobStatus.SOLD:
            job_follow_facts(
                job=job, to_status=JobStatus.SCHEDULED, by=by, note=f"Visit booked {local_span(starts_at, ends_at)}"
            )
        send_after_commit(
            signals.visit_booked,
            visit_id=visit.pk,
            by_id=getattr(by, "pk", None),
            change_id=status_change_id(record),
            rescheduled_from_id=getattr(rescheduled_from, "pk", None),
        )
    return visit
