"""What permits tell a job's lifecycle (registered by PermitsConfig.ready()): an install is permitted,
and installed, only with an issued permit; inspected only once its final inspection passed."""

from jobs.choices import JobKind

from .choices import NUMBERED_PERMIT_STATUSES, InspectionKind, InspectionStatus
from .models import Inspection, Permit


def permit_not_issued(job) -> list[str]:
    if job.kind != JobKind.INSTALL:
        return []  # service calls need no permit
    if Permit.objects.filter(job_id=job.pk, status__in=NUMBERED_PERMIT_STATUSES).exists():
        return []
    return ["an issued permit"]


def final_inspection_not_passed(job) -> list[str]:
    if job.kind != JobKind.INSTALL:
        return []  # service calls are not inspected
    if Inspection.objects.filter(job_id=job.pk, kind=InspectionKind.FINAL, status=InspectionStatus.PASSED).exists():
        return []
    return ["a passed final inspection"]
