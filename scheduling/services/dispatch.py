"""A visit's day: scheduled → confirmed → on my way → on site → completed → closed out, or called off.

Every step is a VisitStatusChange row plus the visit's history, and `visit_dispatch_status_changed`
after commit. The job follows its visits through the jobs lifecycle: the last visit completed makes
it installed, the last booked one called off before the work makes it sold again.
"""

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from installops.errors import DomainError
from installops.history import history_note
from installops.timefmt import local_clock_exact
from jobs.choices import JobStatus
from jobs.services import job_follow_facts
from permits.selectors import permit_start_refusal

from .. import closeout, signals
from ..choices import DISPATCH_LINE, DONE_VISIT_STATUSES, RELEASED_VISIT_STATUSES, VisitStatus
from ..lifecycle import visit_day_text
from ..models import Visit, VisitStatusChange
from .events import send_after_commit, status_change_id
from .locks import visit_lock

S = VisitStatus

# Where a visit may go from each status. Forward skips along the main line are allowed (a tech who
# forgot to tap "on my way" can still say "on site"); going back is not. Closing out goes through
# the close-out checks.
DISPATCH_FLOW: dict[str, list[str]] = {
    S.SCHEDULED: [S.CONFIRMED, S.ON_MY_WAY, S.ON_SITE, S.COMPLETED, S.CANCELLED, S.RESCHEDULED, S.ON_HOLD],
    S.CONFIRMED: [S.ON_MY_WAY, S.ON_SITE, S.COMPLETED, S.CANCELLED, S.RESCHEDULED, S.ON_HOLD],
    S.ON_MY_WAY: [S.ON_SITE, S.COMPLETED, S.CANCELLED, S.RESCHEDULED, S.ON_HOLD],
    S.ON_SITE: [S.COMPLETED],
    S.COMPLETED: [S.CLOSED_OUT],
    S.CLOSED_OUT: [],
    S.CANCELLED: [],
    S.RESCHEDULED: [],
    S.ON_HOLD: [],
}
NEEDS_REASON = {S.CANCELLED, S.RESCHEDULED, S.ON_HOLD}
# A visit goes on hold only with its job (scheduling.services.releases), never by itself.
WITH_THE_JOB_ONLY = {S.ON_HOLD}
STATUS_TIMESTAMP = {
    S.CONFIRMED: "confirmed_at",
    S.ON_MY_WAY: "on_my_way_at",
    S.ON_SITE: "on_site_at",
    S.COMPLETED: "completed_at",
    S.CLOSED_OUT: "closed_out_at",
}
# Job statuses that stand on a booked visit still to be worked.
BEFORE_THE_WORK = {JobStatus.SCHEDULED, JobStatus.PERMITTED, JobStatus.READY}
# Steps that start the work on a visit not started yet: an install needs its permit first (permits' gate).
# "Completed" entered straight away records work already done; the job then waits at Installed's permit.
STARTING = {S.ON_MY_WAY, S.ON_SITE}
NOT_STARTED = {S.SCHEDULED, S.CONFIRMED}
# A time entered by hand may run a little ahead of the server's clock, not more.
CLOCK_SLACK = timedelta(minutes=5)


def visit_status_change_record(*, visit: Visit, from_status: str, to_status: str, by, at, reason: str = ""):
    """The audit row of one dispatch step (booking is the first: from nothing to scheduled)."""
    return VisitStatusChange.objects.create(
        visit=visit, from_status=from_status, to_status=to_status, changed_by=by, changed_at=at, reason=reason
    )


def visit_allowed_next_statuses(*, visit: Visit) -> list[str]:
    """The dispatch statuses a visit can go to now, in order."""
    return [status for status in DISPATCH_FLOW[visit.status] if status not in WITH_THE_JOB_ONLY]


def visit_set_dispatch_status(
    *, visit: Visit, to_status: str, by, at: datetime | None = None, reason: str = ""
) -> Visit:
    """Move a visit along scheduled → confirmed → on my way → on site → completed → closed out.

    `at` is when it happened (defaults to now): the office can enter the real on-site time later.
    Cancelled and rescheduled need a reason; closed out needs every close-out check to pass.
    Sends `visit_dispatch_status_changed` after commit.
    """
    if to_status in WITH_THE_JOB_ONLY:
        raise DomainError("A visit is put on hold with its job: put the job on hold.", field="to_status")
    return visit_status_apply(visit=visit, to_status=to_status, by=by, at=at, reason=reason, release_job=True)


def visit_cancel(*, visit: Visit, by, reason: str) -> Visit:
    """Call a visit off; the crew's time is free again. The reason is kept."""
    return visit_set_dispatch_status(visit=visit, to_status=S.CANCELLED, by=by, reason=reason)


def visit_status_apply(*, visit: Visit, to_status: str, by, at, reason: str, release_job: bool) -> Visit:
    """One dispatch step, checked and recorded. `release_job=False` keeps a released visit from moving
    the job back (a reschedule books the replacement in the same transaction; a job put on hold or
    cancelled releases its own visits). A visit's work done always lets the job follow."""
    at = at or timezone.now()
    if timezone.is_naive(at):
        raise DomainError("Times must carry their time zone.", field="at")
    if at > timezone.now() + CLOCK_SLACK:
        raise DomainError("That time is in the future.", field="at")
    with transaction.atomic():
        visit = visit_lock(visit.pk)
        from_status = visit.status
        if to_status not in DISPATCH_FLOW[from_status]:
            label = S(to_status).label if to_status in S.values else to_status
            raise DomainError(
                f"A visit that is {visit.get_status_display().lower()} cannot be set to “{label}”.", field="to_status"
            )
        if to_status in NEEDS_REASON and not reason.strip():
            raise DomainError("Say why the visit is cancelled or rescheduled.", field="reason")
        _check_time_order(visit=visit, to_status=to_status, at=at)
        if from_status in NOT_STARTED and to_status in STARTING:
            refusal = permit_start_refusal(job=visit.job)
            if refusal:
                raise DomainError(refusal, field="to_status")
        if to_status == S.CLOSED_OUT:
            missing = closeout.visit_closeout_missing(visit=visit)
            if missing:
                raise DomainError("It cannot be closed out yet: " + "; ".join(missing) + ".", field="to_status")

        visit.status = to_status
        if to_status in STATUS_TIMESTAMP:
            setattr(visit, STATUS_TIMESTAMP[S(to_status)], at)
        if to_status in NEEDS_REASON:
            visit.status_reason = reason.strip()
        history_note(
            visit, by=by, reason=f"{from_status} → {to_status}" + (f": {reason.strip()}" if reason.strip() else "")
        )
        visit.save()
        record = visit_status_change_record(
            visit=visit, from_status=from_status, to_status=to_status, by=by, at=at, reason=reason.strip()
        )
        if to_status in RELEASED_VISIT_STATUSES and release_job:
            _job_back_to_sold_if_nothing_booked(visit=visit, by=by, reason=reason.strip())
        if to_status in DONE_VISIT_STATUSES or (to_status in RELEASED_VISIT_STATUSES and release_job):
            _job_installed_if_visits_done(visit=visit, by=by)
        send_after_commit(
            signals.visit_dispatch_status_changed,
            visit_id=visit.pk,
            from_status=from_status,
            to_status=to_status,
            by_id=getattr(by, "pk", None),
            change_id=status_change_id(record),
        )
    return visit


def _check_time_order(*, visit: Visit, to_status: str, at: datetime) -> None:
    """On my way ≤ on site ≤ completed ≤ closed out, whatever order they were entered in."""
    if to_status not in STATUS_TIMESTAMP or to_status == S.CONFIRMED:
        return
    position = DISPATCH_LINE.index(S(to_status))
    for earlier in DISPATCH_LINE[2:position]:
        earlier_at = getattr(visit, STATUS_TIMESTAMP[earlier])
        if earlier_at and at < earlier_at:
            raise DomainError(
                f"{S(to_status).label} cannot be before {S(earlier).label.lower()} ({local_clock_exact(earlier_at)}).",
                field="at",
            )


def _job_back_to_sold_if_nothing_booked(*, visit: Visit, by, reason: str) -> None:
    """A job whose last booked visit is called off before the work goes back to the Unscheduled queue
    (a permitted or ready job too: those statuses stand on a booked visit; its permit stays on file)."""
    job = visit.job
    still_booked = job.visits.exclude(status__in=RELEASED_VISIT_STATUSES).exists()
    if job.status in BEFORE_THE_WORK and not still_booked:
        job_follow_facts(
            job=job, to_status=JobStatus.SOLD, by=by, note=f"Visit {visit.get_status_display().lower()}: {reason}"
        )


def _job_installed_if_visits_done(*, visit: Visit, by) -> None:
    """The job's last visit still to be worked is done: the job is installed (where its facts allow,
    see the jobs lifecycle), and its history names the visit."""
    done = visit if visit.status in DONE_VISIT_STATUSES else None
    if done is None:
        done = visit.job.visits.filter(status__in=DONE_VISIT_STATUSES).order_by("-starts_at").first()
    if done is None:
        return
    job_follow_facts(
        job=visit.job, to_status=JobStatus.INSTALLED, by=by, note=f"Visit of {visit_day_text(done)} completed"
    )
