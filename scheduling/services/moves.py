"""Moving a visit (a drag on the board, another crew) and rescheduling it (called off, booked again)."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from installops.date_window import refuse_outside_window
from installops.errors import DomainError, full_clean_or_refuse
from installops.history import history_note
from installops.timefmt import local_span

from .. import signals
from ..choices import MOVABLE_VISIT_STATUSES, VisitStatus
from ..models import Visit
from .booking import visit_book
from .checks import Assignment, check_assignment, check_availability, check_times
from .clashes import refuse_known_clash, save_or_name_the_clash
from .dispatch import visit_status_apply, visit_status_change_record
from .events import history_change_id, send_after_commit
from .locks import visit_lock

# "Leave it as it is": a move or reschedule that does not name a crew (or technician) keeps the visit's.
KEEP = object()


def visit_move(
    *,
    visit: Visit,
    by,
    crew=KEEP,
    technician=KEEP,
    starts_at: datetime | None = None,
    ends_at: datetime | None = None,
    override_reason: str = "",
) -> Visit:
    """Give a visit another crew/technician or another time (a drag on the board), re-validated.

    Without `ends_at` the visit keeps its length. The arrival window moves with the visit. A
    confirmed visit moved to another time goes back to scheduled: the customer confirmed the old one.
    """
    # Before the length is added to it (see installops.date_window).
    refuse_outside_window(starts_at, field="starts_at")
    with transaction.atomic():
        visit = visit_lock(visit.pk, related=("crew", "technician"))
        if visit.status not in MOVABLE_VISIT_STATUSES:
            raise DomainError(
                f"A visit that is {visit.get_status_display().lower()} can no longer be moved.", field="starts_at"
            )
        new_crew = visit.crew if crew is KEEP else crew
        new_technician = visit.technician if technician is KEEP else technician
        new_start = starts_at or visit.starts_at
        new_end = ends_at or (new_start + (visit.ends_at - visit.starts_at))
        shift = new_start - visit.starts_at
        window_start = visit.arrival_window_start + shift if visit.arrival_window_start else None
        window_end = visit.arrival_window_end + shift if visit.arrival_window_end else None
        if window_end is not None and window_end > new_end:
            # A shortened block keeps the promise inside it.
            window_start, window_end = None, None
        assignment = Assignment(new_crew, new_technician)
        check_assignment(assignment)
        check_times(new_start, new_end, window_start, window_end)
        time_changed = (new_start, new_end) != (visit.starts_at, visit.ends_at)
        who_changed = (getattr(new_crew, "pk", None), getattr(new_technician, "pk", None)) != (
            visit.crew_id,
            visit.technician_id,
        )
        if not time_changed and not who_changed:
            return visit
        from_status = visit.status
        old_starts_at, old_crew_id, old_technician_id = visit.starts_at, visit.crew_id, visit.technician_id
        visit.crew, visit.technician = new_crew, new_technician
        visit.starts_at, visit.ends_at = new_start, new_end
        refuse_known_clash(visit)
        check_availability(assignment=assignment, starts_at=new_start, ends_at=new_end, override_reason=override_reason)
        visit.arrival_window_start, visit.arrival_window_end = window_start, window_end
        if override_reason.strip():
            visit.override_reason = override_reason.strip()
        if time_changed:
            visit.moved_at = timezone.now()
        unconfirmed = time_changed and from_status == VisitStatus.CONFIRMED
        if unconfirmed:
            visit.status = VisitStatus.SCHEDULED
            visit.confirmed_at = None
        full_clean_or_refuse(visit, validate_constraints=False)
        history_note(visit, by=by, reason=f"Moved to {visit.assignee_name}, {local_span(new_start, new_end)}")
        save_or_name_the_clash(visit)
        change_id = history_change_id(visit)
        if unconfirmed:
            visit_status_change_record(
                visit=visit,
                from_status=from_status,
                to_status=VisitStatus.SCHEDULED,
                by=by,
                at=timezone.now(),
                reason="Moved to another time: to be confirmed again.",
            )
            send_after_commit(
                signals.visit_dispatch_status_changed,
                visit_id=visit.pk,
                from_status=from_status,
                to_status=VisitStatus.SCHEDULED,
                by_id=getattr(by, "pk", None),
                change_id=change_id,
            )
        send_after_commit(
            signals.visit_moved,
            visit_id=visit.pk,
            by_id=getattr(by, "pk", None),
            time_changed=time_changed,
            change_id=change_id,
            old_starts_at=old_starts_at,
            old_crew_id=old_crew_id,
            old_technician_id=old_technician_id,
        )
    return visit


def visit_reschedule(
    *,
    visit: Visit,
    by,
    reason: str,
    starts_at: datetime,
    ends_at: datetime | None = None,
    crew=KEEP,
    technician=KEEP,
    arrival_window_start: datetime | None = None,
    arrival_window_end: datetime | None = None,
    override_reason: str = "",
) -> Visit:
    """Mark a visit rescheduled (with the reason) and book its replacement; returns the new visit.

    Both happen or neither: if the new time is refused, the old visit stays as it was.
    """
    if not reason.strip():
        raise DomainError("Say why the visit is rescheduled.", field="reason")
    refuse_outside_window(starts_at, field="starts_at")
    with transaction.atomic():
        old = Visit.objects.select_related("job", "crew", "technician").get(pk=visit.pk)
        length = old.ends_at - old.starts_at
        # The job keeps its status: the replacement is booked in the same transaction.
        old = visit_status_apply(
            visit=old, to_status=VisitStatus.RESCHEDULED, by=by, at=None, reason=reason, release_job=False
        )
        # A visit has both ends of its arrival window or neither (check_times).
        old_window_start, old_window_end = old.arrival_window_start, old.arrival_window_end
        if arrival_window_start is None and old_window_start is not None and old_window_end is not None:
            shift = starts_at - old.starts_at
            arrival_window_start = old_window_start + shift
            arrival_window_end = old_window_end + shift
        new_end = ends_at or starts_at + length
        if arrival_window_end is not None and arrival_window_end > new_end:
            arrival_window_start = arrival_window_end = None
        return visit_book(
            job=old.job,
            crew=old.crew if crew is KEEP else crew,
            technician=old.technician if technician is KEEP else technician,
            starts_at=starts_at,
            ends_at=new_end,
            arrival_window_start=arrival_window_start,
            arrival_window_end=arrival_window_end,
            notes=old.notes,
            by=by,
            override_reason=override_reason,
            estimated_hours=old.estimated_hours,
            rescheduled_from=old,
        )
