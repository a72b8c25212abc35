"""Every write to visits goes through here: booking, moving, dispatch statuses, close-out.

The rule that a crew (or a technician) is never in two places at once lives in PostgreSQL (the
exclusion constraints on Visit). These services turn a refusal into a message that names the
visit in the way, also when two coordinators book the same crew at the same moment.
"""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone

from installops.errors import DomainError
from jobs.choices import OPEN_STATUSES, JobStatus
from jobs.models import Job
from jobs.services import job_change_status, job_update
from people.models import Employee

from .. import closeout, signals
from ..choices import DISPATCH_LINE, MOVABLE_VISIT_STATUSES, RELEASED_VISIT_STATUSES, VisitStatus
from ..models import Crew, Visit, VisitStatusChange
from ..selectors import visit_availability_warnings
from ..timefmt import local_span

logger = logging.getLogger(__name__)

S = VisitStatus

# Where a visit may go from each status. Forward skips along the main line are allowed (a tech who
# forgot to tap "on my way" can still say "on site"); going back is not. Closing out goes through
# the close-out checks.
DISPATCH_FLOW: dict[str, list[str]] = {
    S.SCHEDULED: [S.CONFIRMED, S.ON_MY_WAY, S.ON_SITE, S.COMPLETED, S.CANCELLED, S.RESCHEDULED],
    S.CONFIRMED: [S.ON_MY_WAY, S.ON_SITE, S.COMPLETED, S.CANCELLED, S.RESCHEDULED],
    S.ON_MY_WAY: [S.ON_SITE, S.COMPLETED, S.CANCELLED, S.RESCHEDULED],
    S.ON_SITE: [S.COMPLETED],
    S.COMPLETED: [S.CLOSED_OUT],
    S.CLOSED_OUT: [],
    S.CANCELLED: [],
    S.RESCHEDULED: [],
}
NEEDS_REASON = {S.CANCELLED, S.RESCHEDULED}
STATUS_TIMESTAMP = {
    S.CONFIRMED: "confirmed_at",
    S.ON_MY_WAY: "on_my_way_at",
    S.ON_SITE: "on_site_at",
    S.COMPLETED: "completed_at",
    S.CLOSED_OUT: "closed_out_at",
}
# A time entered by hand may run a little ahead of the server's clock, not more.
CLOCK_SLACK = timedelta(minutes=5)
# Job statuses in which a job can still get visits booked: open, and not on hold.
BOOKABLE_JOB_STATUSES = set(OPEN_STATUSES) - {JobStatus.ON_HOLD}
_KEEP = object()


class VisitClashError(DomainError):
    """The crew or technician is already booked then; `clashing_visit_id` names the visit in the way."""

    def __init__(self, message: str, *, clashing_visit_id: int | None, field: str | None = "starts_at"):
        super().__init__(message, field=field)
        self.clashing_visit_id = clashing_visit_id


class BookingNeedsOverride(DomainError):
    """The booking falls outside working hours or over time off: allowed only with a reason."""

    def __init__(self, warnings: list[str]):
        super().__init__(
            " ".join(warnings) + " Give a reason to book it anyway.",
            field="override_reason",
        )
        self.warnings = warnings


@dataclass(frozen=True)
class _Assignment:
    crew: Crew | None
    technician: Employee | None


def _send_after_commit(signal, **kwargs) -> None:
    def send():
        for receiver, result in signal.send_robust(sender=Visit, **kwargs):
            if isinstance(result, Exception):
                logger.error("Receiver %r of %s failed", receiver, kwargs, exc_info=result)

    transaction.on_commit(send)


def _check_assignment(assignment: _Assignment) -> None:
    if assignment.crew is None and assignment.technician is None:
        raise DomainError("Pick a crew or a technician.", field="crew")
    if assignment.crew is not None and not assignment.crew.active:
        raise DomainError(f"{assignment.crew} is no longer an active crew.", field="crew")
    if assignment.technician is not None and not assignment.technician.active:
        raise DomainError(f"{assignment.technician} is no longer active.", field="technician")


def _check_times(starts_at: datetime, ends_at: datetime, window_start, window_end) -> None:
    for value, field in ((starts_at, "starts_at"), (ends_at, "ends_at")):
        if value is None:
            raise DomainError("Enter a start and an end.", field=field)
        if timezone.is_naive(value):
            raise DomainError("Times must carry their time zone.", field=field)
    if ends_at <= starts_at:
        raise DomainError("The visit must end after it starts.", field="ends_at")
    if (window_start is None) != (window_end is None):
        raise DomainError("Give both ends of the arrival window, or neither.", field="arrival_window_start")
    if window_start is not None:
        if window_end <= window_start:
            raise DomainError("The arrival window must end after it starts.", field="arrival_window_end")
        if window_start < starts_at or window_end > ends_at:
            raise DomainError(
                "The arrival window promised to the customer must fall within the crew's block.",
                field="arrival_window_start",
            )


def _check_job_bookable(job: Job) -> None:
    if job.status not in BOOKABLE_JOB_STATUSES:
        raise DomainError(
            f"{job.number} is {job.get_status_display().lower()}: it cannot get a visit booked.", field="job"
        )


def _clash_message(visit: Visit, clash: Visit | None) -> str:
    if clash is not None and visit.crew_id and clash.crew_id == visit.crew_id:
        who = str(visit.crew)
    elif clash is not None and visit.technician_id and clash.technician_id == visit.technician_id:
        who = str(visit.technician)
    elif clash is not None:
        shared = sorted(_people_on(visit) & _people_on(clash))
        who = str(Employee.objects.select_related("user").get(pk=shared[0])) if shared else str(visit.assignee_name)
    else:
        who = str(visit.crew or visit.technician)
    if clash is None:
        return f"{who} is already booked at that time. Pick another time or crew."
    customer = clash.job.customer.name
    city = clash.job.site.city
    return (
        f"{who} is already booked {local_span(clash.starts_at, clash.ends_at)} on "
        f"{clash.job.number} ({customer}, {city}). Pick another time or crew."
    )


def _people_on(visit: Visit) -> set[int]:
    """The employees a visit occupies: its technician and everyone on its crew."""
    people = set()
    if visit.technician_id:
        people.add(visit.technician_id)
    if visit.crew_id:
        crew = Crew.objects.get(pk=visit.crew_id)
        people.update(crew.members.values_list("pk", flat=True))
        if crew.lead_id:
            people.add(crew.lead_id)
    return people


def _find_clash(visit: Visit, people: set[int] | None = None) -> Visit | None:
    """The first live visit overlapping this one that holds the same crew, technician or person."""
    from django.db.models import Q

    who = Q()
    if visit.crew_id:
        who |= Q(crew_id=visit.crew_id)
    if visit.technician_id:
        who |= Q(technician_id=visit.technician_id)
    if people:
        # A technician booked alone is still on their crew: neither may take them twice.
        who |= Q(technician_id__in=people) | Q(crew__members__in=people) | Q(crew__lead__in=people)
    overlapping = (
        Visit.objects.filter(who, starts_at__lt=visit.ends_at, ends_at__gt=visit.starts_at)
        .exclude(status__in=RELEASED_VISIT_STATUSES)
        .exclude(pk=visit.pk)
        .values("pk")
    )
    return (
        Visit.objects.filter(pk__in=overlapping)
        .select_related("job__customer", "job__site", "crew", "technician__user")
        .order_by("starts_at")
        .first()
    )


def _save_or_name_the_clash(visit: Visit, **save_kwargs) -> None:
    """Save inside a savepoint; a double booking becomes a message naming the visit in the way."""
    try:
        with transaction.atomic():
            visit.save(**save_kwargs)
    except IntegrityError as error:
        constraint = getattr(getattr(error.__cause__, "diag", None), "constraint_name", "") or ""
        if not constraint.endswith("_not_double_booked"):
            raise
        clash = _find_clash(visit)
        raise VisitClashError(_clash_message(visit, clash), clashing_visit_id=clash.pk if clash else None) from None


def _refuse_known_clash(visit: Visit) -> None:
    """Name a clash before asking for an override reason that could not help anyway.

    The exclusion constraints stay the guard for the same crew or the same technician: a booking
    committed between this check and the insert is caught there (see _save_or_name_the_clash). A
    person can also be taken twice through different assignments (alone, and with their crew);
    locking the people involved first makes two such bookings wait for each other, so the second
    one sees the first here.
    """
    people = _people_on(visit)
    list(Employee.objects.select_for_update().filter(pk__in=people).order_by("pk").values_list("pk", flat=True))
    clash = _find_clash(visit, people)
    if clash is not None:
        raise VisitClashError(_clash_message(visit, clash), clashing_visit_id=clash.pk)


def _check_availability(*, assignment: _Assignment, starts_at, ends_at, override_reason: str):
    warnings = visit_availability_warnings(
        crew=assignment.crew, technician=assignment.technician, starts_at=starts_at, ends_at=ends_at
    )
    if warnings and not override_reason.strip():
        raise BookingNeedsOverride(warnings)
    return warnings


def _record_status_change(*, visit: Visit, from_status: str, to_status: str, by, at, reason: str = ""):
    return VisitStatusChange.objects.create(
        visit=visit, from_status=from_status, to_status=to_status, changed_by=by, changed_at=at, reason=reason
    )


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
    assignment = _Assignment(crew, technician)
    _check_assignment(assignment)
    _check_times(starts_at, ends_at, arrival_window_start, arrival_window_end)
    with transaction.atomic():
        job = Job.objects.select_for_update().get(pk=job.pk)
        _check_job_bookable(job)
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
            status=S.SCHEDULED,
        )
        _refuse_known_clash(visit)
        _check_availability(
            assignment=assignment, starts_at=starts_at, ends_at=ends_at, override_reason=override_reason
        )
        # Overlaps are the database's job (see _save_or_name_the_clash); the rest is checked here.
        visit.full_clean(validate_constraints=False)
        visit._history_user = by
        visit._change_reason = "Booked"
        _save_or_name_the_clash(visit)
        _record_status_change(visit=visit, from_status="", to_status=S.SCHEDULED, by=by, at=timezone.now())
        if job.status == JobStatus.SOLD:
            job_change_status(
                job=job, to_status=JobStatus.SCHEDULED, by=by, note=f"Visit booked {local_span(starts_at, ends_at)}"
            )
        _send_after_commit(signals.visit_booked, visit_id=visit.pk, by_id=getattr(by, "pk", None))
    return visit


def visit_move(
    *,
    visit: Visit,
    by,
    crew=_KEEP,
    technician=_KEEP,
    starts_at: datetime | None = None,
    ends_at: datetime | None = None,
    override_reason: str = "",
) -> Visit:
    """Give a visit another crew/technician or another time (a drag on the board), re-validated.

    Without `ends_at` the visit keeps its length. The arrival window moves with the visit. A
    confirmed visit moved to another time goes back to scheduled: the customer confirmed the old one.
    """
    with transaction.atomic():
        visit = (
            Visit.objects.select_for_update(of=("self",)).select_related("job", "crew", "technician").get(pk=visit.pk)
        )
        if visit.status not in MOVABLE_VISIT_STATUSES:
            raise DomainError(
                f"A visit that is {visit.get_status_display().lower()} can no longer be moved.", field="starts_at"
            )
        new_crew = visit.crew if crew is _KEEP else crew
        new_technician = visit.technician if technician is _KEEP else technician
        new_start = starts_at or visit.starts_at
        new_end = ends_at or (new_start + (visit.ends_at - visit.starts_at))
        shift = new_start - visit.starts_at
        window_start = visit.arrival_window_start + shift if visit.arrival_window_start else None
        window_end = visit.arrival_window_end + shift if visit.arrival_window_end else None
        if window_end is not None and window_end > new_end:
            # A shortened block keeps the promise inside it.
            window_start, window_end = None, None
        assignment = _Assignment(new_crew, new_technician)
        _check_assignment(assignment)
        _check_times(new_start, new_end, window_start, window_end)
        time_changed = (new_start, new_end) != (visit.starts_at, visit.ends_at)
        who_changed = (getattr(new_crew, "pk", None), getattr(new_technician, "pk", None)) != (
            visit.crew_id,
            visit.technician_id,
        )
        if not time_changed and not who_changed:
            return visit
        from_status = visit.status
        visit.crew, visit.technician = new_crew, new_technician
        visit.starts_at, visit.ends_at = new_start, new_end
        _refuse_known_clash(visit)
        _check_availability(
            assignment=assignment, starts_at=new_start, ends_at=new_end, override_reason=override_reason
        )
        visit.arrival_window_start, visit.arrival_window_end = window_start, window_end
        if override_reason.strip():
            visit.override_reason = override_reason.strip()
        if time_changed:
            visit.moved_at = timezone.now()
        unconfirmed = time_changed and from_status == S.CONFIRMED
        if unconfirmed:
            visit.status = S.SCHEDULED
            visit.confirmed_at = None
        visit.full_clean(validate_constraints=False)
        visit._history_user = by
        visit._change_reason = f"Moved to {visit.assignee_name}, {local_span(new_start, new_end)}"
        _save_or_name_the_clash(visit)
        if unconfirmed:
            _record_status_change(
                visit=visit,
                from_status=from_status,
                to_status=S.SCHEDULED,
                by=by,
                at=timezone.now(),
                reason="Moved to another time: to be confirmed again.",
            )
            _send_after_commit(
                signals.visit_dispatch_status_changed,
                visit_id=visit.pk,
                from_status=from_status,
                to_status=S.SCHEDULED,
                by_id=getattr(by, "pk", None),
            )
        _send_after_commit(
            signals.visit_moved, visit_id=visit.pk, by_id=getattr(by, "pk", None), time_changed=time_changed
        )
    return visit


def visit_allowed_next_statuses(*, visit: Visit) -> list[str]:
    """The dispatch statuses a visit can go to now, in order."""
    return list(DISPATCH_FLOW[visit.status])


def visit_set_dispatch_status(
    *, visit: Visit, to_status: str, by, at: datetime | None = None, reason: str = ""
) -> Visit:
    """Move a visit along scheduled → confirmed → on my way → on site → completed → closed out.

    `at` is when it happened (defaults to now): the office can enter the real on-site time later.
    Cancelled and rescheduled need a reason; closed out needs every close-out check to pass.
    Sends `visit_dispatch_status_changed` after commit.
    """
    return _visit_set_status(visit=visit, to_status=to_status, by=by, at=at, reason=reason, release_job=True)


def _visit_set_status(*, visit: Visit, to_status: str, by, at, reason: str, release_job: bool) -> Visit:
    at = at or timezone.now()
    if timezone.is_naive(at):
        raise DomainError("Times must carry their time zone.", field="at")
    if at > timezone.now() + CLOCK_SLACK:
        raise DomainError("That time is in the future.", field="at")
    with transaction.atomic():
        visit = Visit.objects.select_for_update().select_related("job").get(pk=visit.pk)
        from_status = visit.status
        if to_status not in DISPATCH_FLOW[from_status]:
            label = S(to_status).label if to_status in S.values else to_status
            raise DomainError(
                f"A visit that is {visit.get_status_display().lower()} cannot be set to “{label}”.", field="to_status"
            )
        if to_status in NEEDS_REASON and not reason.strip():
            raise DomainError("Say why the visit is cancelled or rescheduled.", field="reason")
        _check_time_order(visit=visit, to_status=to_status, at=at)
        if to_status == S.CLOSED_OUT:
            missing = closeout.visit_closeout_missing(visit=visit)
            if missing:
                raise DomainError("It cannot be closed out yet: " + "; ".join(missing) + ".", field="to_status")

        visit.status = to_status
        if to_status in STATUS_TIMESTAMP:
            setattr(visit, STATUS_TIMESTAMP[to_status], at)
        if to_status in NEEDS_REASON:
            visit.status_reason = reason.strip()
        visit._history_user = by
        visit._change_reason = f"{from_status} → {to_status}" + (f": {reason.strip()}" if reason.strip() else "")
        visit.save()
        _record_status_change(
            visit=visit, from_status=from_status, to_status=to_status, by=by, at=at, reason=reason.strip()
        )
        if to_status in RELEASED_VISIT_STATUSES and release_job:
            _job_back_to_sold_if_nothing_booked(visit=visit, by=by, reason=reason.strip())
        _send_after_commit(
            signals.visit_dispatch_status_changed,
            visit_id=visit.pk,
            from_status=from_status,
            to_status=to_status,
            by_id=getattr(by, "pk", None),
        )
    return visit


def _check_time_order(*, visit: Visit, to_status: str, at: datetime) -> None:
    """On my way ≤ on site ≤ completed ≤ closed out, whatever order they were entered in."""
    if to_status not in STATUS_TIMESTAMP or to_status == S.CONFIRMED:
        return
    position = DISPATCH_LINE.index(to_status)
    for earlier in DISPATCH_LINE[2:position]:
        earlier_at = getattr(visit, STATUS_TIMESTAMP[earlier])
        if earlier_at and at < earlier_at:
            raise DomainError(
                f"{S(to_status).label} cannot be before {S(earlier).label.lower()} "
                f"({timezone.localtime(earlier_at):%-I:%M %p}).",
                field="at",
            )


def _job_back_to_sold_if_nothing_booked(*, visit: Visit, by, reason: str) -> None:
    """A scheduled job whose only visit is called off goes back to the Unscheduled queue."""
    job = visit.job
    still_booked = job.visits.exclude(status__in=RELEASED_VISIT_STATUSES).exists()
    if job.status == JobStatus.SCHEDULED and not still_booked:
        job_change_status(
            job=job, to_status=JobStatus.SOLD, by=by, note=f"Visit {visit.get_status_display().lower()}: {reason}"
        )


def visit_cancel(*, visit: Visit, by, reason: str) -> Visit:
    """Call a visit off; the crew's time is free again. The reason is kept."""
    return visit_set_dispatch_status(visit=visit, to_status=S.CANCELLED, by=by, reason=reason)


def visit_reschedule(
    *,
    visit: Visit,
    by,
    reason: str,
    starts_at: datetime,
    ends_at: datetime | None = None,
    crew=_KEEP,
    technician=_KEEP,
    arrival_window_start: datetime | None = None,
    arrival_window_end: datetime | None = None,
    override_reason: str = "",
) -> Visit:
    """Mark a visit rescheduled (with the reason) and book its replacement; returns the new visit.

    Both happen or neither: if the new time is refused, the old visit stays as it was.
    """
    if not reason.strip():
        raise DomainError("Say why the visit is rescheduled.", field="reason")
    with transaction.atomic():
        old = Visit.objects.select_related("job", "crew", "technician").get(pk=visit.pk)
        length = old.ends_at - old.starts_at
        # The job keeps its status: the replacement is booked in the same transaction.
        old = _visit_set_status(visit=old, to_status=S.RESCHEDULED, by=by, at=None, reason=reason, release_job=False)
        if arrival_window_start is None and old.arrival_window_start is not None:
            shift = starts_at - old.starts_at
            arrival_window_start = old.arrival_window_start + shift
            arrival_window_end = old.arrival_window_end + shift
        new_end = ends_at or starts_at + length
        if arrival_window_end is not None and arrival_window_end > new_end:
            arrival_window_start = arrival_window_end = None
        return visit_book(
            job=old.job,
            crew=old.crew if crew is _KEEP else crew,
            technician=old.technician if technician is _KEEP else technician,
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


def visit_record_closeout(
    *,
    visit: Visit,
    by,
    on_site_at: datetime | None,
    completed_at: datetime | None,
    ticked_item_ids: list[int],
    hours_by_employee: dict[Employee, Decimal],
    actual_lead: Employee | None,
    close: bool,
) -> tuple[Visit, list[str]]:
    """Save what the close-out page entered, then close the visit out if asked and nothing is missing.

    Returns the visit and what is still missing. The entries are kept even when closing is refused,
    so the office fills in the rest later without typing anything twice. The job's primary tech
    becomes the employee who actually led the work.
    """
    now = timezone.now()
    for value, field in ((on_site_at, "on_site_at"), (completed_at, "completed_at")):
        if value is not None and value > now + CLOCK_SLACK:
            raise DomainError("That time is in the future.", field=field)
    if on_site_at and completed_at and completed_at <= on_site_at:
        raise DomainError("Completed must be after on site.", field="completed_at")
    with transaction.atomic():
        visit = Visit.objects.select_for_update(of=("self",)).select_related("job").get(pk=visit.pk)
        if visit.status in (S.CLOSED_OUT, *RELEASED_VISIT_STATUSES):
            raise DomainError(f"A visit that is {visit.get_status_display().lower()} cannot be closed out.")
        if visit.status != S.COMPLETED:
            if completed_at is None:
                raise DomainError("Enter when the work was completed.", field="completed_at")
            visit = _visit_set_status(
                visit=visit, to_status=S.COMPLETED, by=by, at=completed_at, reason="", release_job=False
            )
        changed = []
        for field, value in (("on_site_at", on_site_at), ("completed_at", completed_at)):
            if value is not None and getattr(visit, field) != value:
                setattr(visit, field, value)
                changed.append(field)
        if actual_lead is not None and visit.actual_lead_id != actual_lead.pk:
            visit.actual_lead = actual_lead
            changed.append("actual_lead")
        if changed:
            visit._history_user = by
            visit._change_reason = "Close-out entries"
            visit.save()
        _save_checklist(visit=visit, ticked_item_ids=ticked_item_ids, by=by, at=now)
        _save_timecards(visit=visit, hours_by_employee=hours_by_employee, by=by)
        if actual_lead is not None and visit.job.primary_tech_id != actual_lead.user_id:
            visit.job = job_update(job=visit.job, by=by, primary_tech=actual_lead.user)
        missing = closeout.visit_closeout_missing(visit=visit)
        if close and not missing:
            visit = _visit_set_status(visit=visit, to_status=S.CLOSED_OUT, by=by, at=None, reason="", release_job=False)
    return visit, missing


def _save_checklist(*, visit: Visit, ticked_item_ids: list[int], by, at) -> None:
    from ..models import CloseoutItem, VisitChecklistTick

    valid = set(CloseoutItem.objects.filter(kind=visit.job.kind, active=True).values_list("pk", flat=True))
    wanted = set(ticked_item_ids) & valid
    existing = set(visit.checklist_ticks.values_list("item_id", flat=True))
    for tick in visit.checklist_ticks.filter(item_id__in=existing - wanted):
        tick.delete()
    for item_id in wanted - existing:
        VisitChecklistTick.objects.create(visit=visit, item_id=item_id, ticked_by=by, ticked_at=at)


def _save_timecards(*, visit: Visit, hours_by_employee: dict[Employee, Decimal], by) -> None:
    from ..models import Timecard

    current = {card.employee_id: card for card in visit.timecards.all()}
    for employee, hours in hours_by_employee.items():
        card = current.pop(employee.pk, None)
        if not hours:
            if card:
                card._history_user = by
                card.delete()
            continue
        if card is None:
            card = Timecard(visit=visit, employee=employee, entered_by=by)
        elif card.hours == hours:
            continue
        card.hours = hours
        card.full_clean()
        card._history_user = by
        card.save()


def subcontractor_booking_create(
    *, job: Job, subcontractor, starts_at: datetime, ends_at: datetime, notes: str = "", by
):
    """Book a subcontractor's work on a job; it shows on the board under the crews."""
    from ..models import SubcontractorBooking

    _check_times(starts_at, ends_at, None, None)
    _check_job_bookable(job)
    if not subcontractor.active:
        raise DomainError(f"{subcontractor} is no longer used.", field="subcontractor")
    booking = SubcontractorBooking(
        job=job, subcontractor=subcontractor, starts_at=starts_at, ends_at=ends_at, notes=notes, booked_by=by
    )
    booking.full_clean()
    booking._history_user = by
    booking.save()
    return booking


def subcontractor_booking_cancel(*, booking, by, reason: str):
    from ..choices import SubcontractorBookingStatus

    if not reason.strip():
        raise DomainError("Say why the subcontractor is called off.", field="reason")
    if booking.status == SubcontractorBookingStatus.CANCELLED:
        return booking
    booking.status = SubcontractorBookingStatus.CANCELLED
    booking.cancel_reason = reason.strip()
    booking._history_user = by
    booking._change_reason = reason.strip()
    booking.save()
    return booking


def time_off_create(*, crew: Crew | None = None, employee: Employee | None = None, starts_at, ends_at, reason="", by):
    """Record that a crew or an employee is away; bookings over it then warn."""
    from ..models import TimeOff

    if (crew is None) == (employee is None):
        raise DomainError("Pick a crew or an employee.", field="crew")
    _check_times(starts_at, ends_at, None, None)
    time_off = TimeOff(crew=crew, employee=employee, starts_at=starts_at, ends_at=ends_at, reason=reason)
    time_off.full_clean()
    time_off._history_user = by
    time_off.save()
    return time_off
