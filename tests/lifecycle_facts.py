"""Jobs whose status stands on its facts: the visits, permit, inspections and close-outs the status claims.

The job lifecycle (jobs/services/lifecycle.py) refuses a move the facts do not support; tests that
start from a status build the facts with it.
"""

from installops.clock import company_today
from jobs.choices import JobKind, JobStatus
from permits.choices import LIVE_PERMIT_STATUSES, InspectionKind, InspectionStatus, PermitStatus
from scheduling.choices import VisitStatus
from tests.jobs.factories import JobFactory
from tests.permits.factories import InspectionFactory, PermitFactory
from tests.scheduling.factories import VisitFactory

S = JobStatus
VISIT_FOR_STATUS = {
    S.SCHEDULED: VisitStatus.CONFIRMED,
    S.PERMITTED: VisitStatus.CONFIRMED,
    S.READY: VisitStatus.CONFIRMED,
    S.INSTALLED: VisitStatus.COMPLETED,
    S.INSPECTED: VisitStatus.COMPLETED,
    S.INVOICED: VisitStatus.COMPLETED,
    S.CLOSED: VisitStatus.CLOSED_OUT,
}


def job_with_facts(status: str, *, kind: str = JobKind.INSTALL, **job_fields):
    """A job at `status` with a visit in the matching state and, for an install past scheduled, its permit
    (and, once inspected, its passed final inspection)."""
    job = JobFactory(status=status, kind=kind, **job_fields)
    if status in VISIT_FOR_STATUS:
        VisitFactory(job=job, status=VISIT_FOR_STATUS[status])
    if kind == JobKind.INSTALL and status not in (S.SOLD, S.SCHEDULED, S.CANCELLED, S.ON_HOLD):
        issue_permit(job)
    if kind == JobKind.INSTALL and status == S.INSPECTED:
        pass_final_inspection(job)
    return job


def issue_permit(job):
    """The job's live permit comes in (or one is made issued when it had none)."""
    permit = job.permits.filter(status__in=LIVE_PERMIT_STATUSES).first()
    if permit is None:
        return PermitFactory(job=job, status=PermitStatus.ISSUED, number=f"B26-{job.pk:05d}")
    permit.status, permit.number = PermitStatus.ISSUED, f"B26-{job.pk:05d}"
    permit.save(update_fields=["status", "number"])
    return permit


def pass_final_inspection(job):
    """The job's final inspection was booked and passed (the job's status is left as it is)."""
    day = company_today()
    return InspectionFactory(
        job=job,
        permit=job.permits.filter(status__in=LIVE_PERMIT_STATUSES).first(),
        kind=InspectionKind.FINAL,
        status=InspectionStatus.PASSED,
        scheduled_on=day,
        result_on=day,
    )
