"""A job's status pipeline: where a job may go from each status, and every move recorded."""

from django.db import transaction
from django.utils import timezone

from installops.errors import DomainError
from installops.history import history_note

from ..choices import JobKind, JobStatus
from ..models import Job, JobStatusChange

S = JobStatus

# The pipeline: where a job may go from each status. On hold and cancelled are reachable from any
# open status; a held job resumes where it was. Service calls need no permit and no inspection.
PIPELINE: dict[str, list[str]] = {
    S.SOLD: [S.SCHEDULED],
    S.SCHEDULED: [S.PERMITTED, S.READY, S.SOLD],
    S.PERMITTED: [S.READY],
    S.READY: [S.INSTALLED, S.SCHEDULED],
    S.INSTALLED: [S.INSPECTED, S.INVOICED],
    S.INSPECTED: [S.INVOICED],
    S.INVOICED: [S.CLOSED],
    S.CLOSED: [],
    S.ON_HOLD: [],
    S.CANCELLED: [S.SOLD],
}
HOLDABLE = {S.SOLD, S.SCHEDULED, S.PERMITTED, S.READY, S.INSTALLED, S.INSPECTED, S.INVOICED}
CANCELLABLE = {S.SOLD, S.SCHEDULED, S.PERMITTED, S.READY, S.ON_HOLD}


def _needs_permit(job: Job) -> bool:
    return job.kind == JobKind.INSTALL


def job_allowed_next_statuses(*, job: Job) -> list[str]:
    """The statuses the job can move to now, in pipeline order."""
    allowed = [job.status_before_hold or S.SOLD] if job.status == S.ON_HOLD else list(PIPELINE[job.status])
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
    return allowed


def job_change_status(*, job: Job, to_status: str, by=None, note: str = "") -> Job:
    """Move a job one step along its pipeline and record who did it, when, and why."""
    with transaction.atomic():
        # Lock the row: two coordinators clicking at once must not both pass the check.
        job = Job.objects.select_for_update().get(pk=job.pk)
        if to_status not in job_allowed_next_statuses(job=job):
            raise DomainError(
                f"A {job.get_status_display().lower()} job cannot move to "
                f"“{S(to_status).label if to_status in S.values else to_status}”.",
                field="to_status",
            )
        if to_status in (S.ON_HOLD, S.CANCELLED) and not note.strip():
            raise DomainError("Say why the job is put on hold or cancelled.", field="note")

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
    return job
