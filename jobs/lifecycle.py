"""What must be true of a job for each status, and who acts when a job lets go of its work.

A job's status follows from facts other apps keep (visits, permits, close-outs). Those apps say what
each status needs from their AppConfig.ready(), so jobs never names their tables:

- `register_status_condition(status, name, check)`: `check(job) -> list[str]`, the things still
  missing for `status`, in words ("no visit booked"); an empty list when the condition holds.
  scheduling (a booked visit, visits completed, visits closed out), permits (an issued permit);
  inspected and invoiced are left for permits and billing to fill.
- `register_permit_requirement(check)`: `check(job) -> bool`, whether the job needs a building
  permit (permits: the job's kind, its equipment and the office's exemption); without one, an
  install needs a permit and a service call does not.
- `register_job_release_handler(handler)`: `handler(job=, to_status=, by=, reason=)` runs inside
  the transaction that puts a job on hold or cancels it, so the job's visits are released with it
  or not at all (scheduling releases the visits and calls off the subcontractors).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .choices import JobKind, JobStatus

S = JobStatus


@dataclass(frozen=True)
class StatusCondition:
    status: str
    name: str
    check: Callable[[Any], list[str]]


STATUS_CONDITIONS: list[StatusCondition] = []
JOB_RELEASE_HANDLERS: list[Callable[..., None]] = []
PERMIT_REQUIREMENT: list[Callable[[Any], bool]] = []

# A status stands on the facts of the statuses it builds on: a permitted or ready job is still a
# scheduled one (a visit is booked); an inspected, invoiced or closed job was installed.
BUILDS_ON: dict[str, list[str]] = {
    S.PERMITTED: [S.SCHEDULED],
    S.READY: [S.SCHEDULED],
    S.INSPECTED: [S.INSTALLED],
    S.INVOICED: [S.INSTALLED],
    S.CLOSED: [S.INSTALLED],
}


def register_status_condition(status: str, name: str, check: Callable[[Any], list[str]]) -> None:
    """Add what `status` needs (registering the same status and name again replaces it)."""
    conditions = [c for c in STATUS_CONDITIONS if (c.status, c.name) != (status, name)]
    conditions.append(StatusCondition(status, name, check))
    STATUS_CONDITIONS[:] = conditions


def register_job_release_handler(handler: Callable[..., None]) -> None:
    """Run `handler(job=, to_status=, by=, reason=)` when a job is put on hold or cancelled."""
    if handler not in JOB_RELEASE_HANDLERS:
        JOB_RELEASE_HANDLERS.append(handler)


def register_permit_requirement(check: Callable[[Any], bool]) -> None:
    """Say whether a job needs a permit, `check(job) -> bool` (registering again replaces it)."""
    PERMIT_REQUIREMENT[:] = [check]


def job_needs_permit(job) -> bool:
    """Whether the job goes through Permitted (and Inspected): the registered rule, else "an install"."""
    if PERMIT_REQUIREMENT:
        return PERMIT_REQUIREMENT[0](job)
    return job.kind == JobKind.INSTALL


def status_missing(job, status: str) -> list[str]:
    """What the job still lacks for `status` (its own conditions and those it builds on), in words."""
    missing: list[str] = []
    for needed in [*BUILDS_ON.get(status, []), status]:
        for condition in STATUS_CONDITIONS:
            if condition.status == needed:
                missing.extend(item for item in condition.check(job) if item not in missing)
    return missing


def release_job_work(*, job, to_status: str, by, reason: str) -> None:
    """Let every registered app release what the job held (call inside the status move's transaction)."""
    for handler in JOB_RELEASE_HANDLERS:
        handler(job=job, to_status=to_status, by=by, reason=reason)
