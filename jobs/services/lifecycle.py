"""A job's lifecycle: where a job may go from each status, what the facts must say for it, who may
move it there, and every move recorded.

A status is a claim about facts other apps keep (a booked visit, an issued permit, visits completed
and closed out); those apps register what each status needs in `jobs.lifecycle`. A person moves a
job only where its facts allow, or, holding `jobs.override_job_status`, with a written reason that
is kept with what was missing. Facts move the job by themselves (`job_follow_facts`): a booked
visit makes it scheduled, the last visit completed makes it installed, nothing booked any more
makes it sold again.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from installops.errors import DomainError
from installops.history import history_note

from ..choices import JobStatus
from ..lifecycle import job_needs_permit, release_job_work, status_missing
from ..models import Job, JobStatusChange

S = JobStatus

# The pipeline: where a job may go from each status. On hold and cancelled are reachable from any
# open status; a held job resumes at the status its facts support; a job whose visits were all
# called off before the work goes back to sold (the Unscheduled queue). A job whose visits are done is
# installed from any of the steps before (the facts of the skipped steps are Installed's own
# conditions: an install's permit; readiness only matters before the visit).
PIPELINE: dict[str, list[str]] = {
    S.SOLD: [S.SCHEDULED],
    S.SCHEDULED: [S.PERMITTED, S.READY, S.INSTALLED, S.SOLD],
    S.PERMITTED: [S.READY, S.INSTALLED, S.SOLD],
    S.READY: [S.INSTALLED, S.SCHEDULED, S.SOLD],
    S.INSTALLED: [S.INSPECTED, S.INVOICED],
    S.INSPECTED: [S.INVOICED],
    S.INVOICED: [S.CLOSED],
    S.CLOSED: [],
    S.ON_HOLD: [],
    S.CANCELLED: [S.SOLD],
}
HOLDABLE = {S.SOLD, S.SCHEDULED, S.PERMITTED, S.READY, S.INSTALLED, S.INSPECTED, S.INVOICED}
CANCELLABLE = {S.SOLD, S.SCHEDULED, S.PERMITTED, S.READY, S.ON_HOLD}
RELEASING = {S.ON_HOLD, S.CANCELLED}
# Where a resumed job may land, latest first: the furthest step its facts support.
RESUME_LINE: list[str] = [S.INVOICED, S.INSPECTED, S.INSTALLED, S.READY, S.PERMITTED, S.SCHEDULED, S.SOLD]

# Who may make which move: the office runs the work, accounting bills and closes it.
OPERATIONS_PERMISSION = "jobs.move_job_operations"
BILLING_PERMISSION = "jobs.move_job_billing"
OVERRIDE_PERMISSION = "jobs.override_job_status"
BILLING_STATUSES = {S.INVOICED, S.CLOSED}


@dataclass(frozen=True)
class StatusMove:
    """One move a user may make now, with what the facts still lack for it (empty: it is supported)."""

    status: str
    missing: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return S(self.status).label


def _needs_permit(job: Job) -> bool:
    return job_needs_permit(job)


def _label(status: str) -> str:
    return S(status).label if status in S.values else status


def move_permission(*, from_status: str, to_status: str) -> str:
    """The permission a person needs to move a job from one status to another."""
    if to_status in BILLING_STATUSES and from_status != S.ON_HOLD:
        return BILLING_PERMISSION
    return OPERATIONS_PERMISSION


def job_resume_status(*, job: Job) -> str:
    """Where a held job goes back to: the status it had, or the furthest step before it its facts support."""
    before = job.status_before_hold or S.SOLD
    line = RESUME_LINE[RESUME_LINE.index(before) :] if before in RESUME_LINE else [S.SOLD]
    needs_permit = _needs_permit(job)
    for status in line:
        if not needs_permit and status in (S.PERMITTED, S.INSPECTED):
            continue
        if not status_missing(job, status):
            return status
    return S.SOLD


def job_allowed_next_statuses(*, job: Job, by=None) -> list[str]:
    """The statuses the job can move to now, in pipeline order; with `by`, only that user's moves."""
    allowed = [job_resume_status(job=job)] if job.status == S.ON_HOLD else list(PIPELINE[job.status])
    if _needs_permit(job):
        # An install is not ready before its permit, and is inspected before it is invoiced.
        if job.status == S.SCHEDULED:
            allowed.remove(S.READY)
        if job.status == S.INSTALLED:
            allowed.remove(S.INVOICED)
    elif job.status == S.SCHEDULED:
        allowed.remove(S.PERMITTED)
    if job.status in HOLDABLE:
        allowed.append(S.ON_HOLD)
    if job.status in CANCELLABLE:
        allowed.append(S.CANCELLED)
    if by is not None:
        allowed = [s for s in allowed if by.has_perm(move_permission(from_status=job.status, to_status=s))]
    return allowed


def job_status_moves(*, job: Job, by) -> list[StatusMove]:
    """The moves `by` may offer on the job page, each with what it still needs."""
    return [StatusMove(status, status_missing(job, status)) for status in job_allowed_next_statuses(job=job, by=by)]


def job_may_override_status(*, by) -> bool:
    return by is not None and by.has_perm(OVERRIDE_PERMISSION)


def job_change_status(*, job: Job, to_status: str, by, note: str = "", override_reason: str = "") -> Job:
    """A person moves a job: their role's move, allowed from here, and supported by the facts.

    Where the facts fall short only a user holding `jobs.override_job_status` may move it, with
    `override_reason`; the reason and what was missing go into the job's history. Putting a job
    on hold or cancelling it needs a note and releases its visits in the same transaction.
    """
    with transaction.atomic():
        # Lock the row: two coordinators clicking at once must not both pass the check.
        job = Job.objects.select_for_update().get(pk=job.pk)
        _check_allowed(job, to_status)
        if by is None or not by.has_perm(move_permission(from_status=job.status, to_status=to_status)):
            raise DomainError(f"Your role does not move jobs to “{_label(to_status)}”.", field="to_status")
        if to_status in RELEASING and not note.strip():
            raise DomainError("Say why the job is put on hold or cancelled.", field="note")
        missing = status_missing(job, to_status)
        reason = override_reason.strip()
        if missing:
            needs = f"{_label(to_status)} needs: " + "; ".join(missing) + "."
            if not job_may_override_status(by=by):
                raise DomainError(needs, field="to_status")
            if not reason:
                raise DomainError(needs + " Give a reason to move it anyway.", field="override_reason")
            note = "; ".join(
                part for part in (note.strip(), f"Moved without: {'; '.join(missing)}. Reason: {reason}") if part
            )
        return _move(job, to_status=to_status, by=by, note=note.strip())


def job_follow_facts(*, job: Job, to_status: str, by, note: str) -> bool:
    """Move the job to `to_status` because the facts now say so (a visit booked, completed, called off).

    No role is needed: the move records what happened (`by` is who made it happen). Nothing moves
    unless the pipeline allows it from the job's status and the status's conditions hold; returns
    whether the job moved. Call inside the transaction that changed the facts.
    """
    with transaction.atomic():
        job = Job.objects.select_for_update().get(pk=job.pk)
        if job.status == to_status or to_status not in job_allowed_next_statuses(job=job):
            return False
        if to_status in RELEASING or status_missing(job, to_status):
            return False
        _move(job, to_status=to_status, by=by, note=note)
    return True


def _check_allowed(job: Job, to_status: str) -> None:
    if to_status not in job_allowed_next_statuses(job=job):
        raise DomainError(
            f"A {job.get_status_display().lower()} job cannot move to “{_label(to_status)}”.", field="to_status"
        )


def _move(job: Job, *, to_status: str, by, note: str) -> Job:
    from_status = job.status
    now = timezone.now()
    job.status_before_hold = from_status if to_status == S.ON_HOLD else ""
    job.status = to_status
    job.status_changed_at = now
    history_note(job, by=by, reason=note or f"{from_status} → {to_status}")
    job.save(update_fields=["status", "status_before_hold", "status_changed_at", "updated_at"])
    JobStatusChange.objects.create(
        job=job, from_status=from_status, to_status=to_status, changed_by=by, changed_at=now, note=note
    )
    if to_status in RELEASING:
        # The job's visits go with it, in this transaction: a visit that cannot be released undoes the move.
        release_job_work(job=job, to_status=to_status, by=by, reason=note)
    return job
