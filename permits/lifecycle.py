"""What permits tell a job's lifecycle (registered by PermitsConfig.ready()): a job that needs a permit
(`selectors.permit_requirement`) is permitted, and installed, only with an issued permit, and inspected
only once its final inspection passed."""

from .choices import NUMBERED_PERMIT_STATUSES, InspectionKind, InspectionStatus
from .models import Inspection, Permit
from .selectors import permit_requirement


def permit_not_issued(job) -> list[str]:
    if not permit_requirement(job).needed:
        return []  # a service call, controls only, or the office said no permit is needed
    if Permit.objects.filter(job_id=job.pk, status__in=NUMBERED_PERMIT_STATUSES).exists():
        return []
    return ["an issued permit"]


def final_inspection_not_passed(job) -> list[str]:
    if not permit_requirement(job).needed:
        return []  # no permit, nothing for the building department to inspect
    if Inspection.objects.filter(job_id=job.pk, kind=InspectionKind.FINAL, status=InspectionStatus.PASSED).exists():
        return []
    return ["a passed final inspection"]
