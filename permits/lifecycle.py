"""What permits tell a job's lifecycle (registered by PermitsConfig.ready()): a job that needs a permit
(`selectors.permit_requirement`) is permitted, and installed, only with an issued permit."""

from .choices import NUMBERED_PERMIT_STATUSES
from .models import Permit
from .selectors import permit_requirement


def permit_not_issued(job) -> list[str]:
    if not permit_requirement(job).needed:
        return []  # a service call, controls only, or the office said no permit is needed
    if Permit.objects.filter(job_id=job.pk, status__in=NUMBERED_PERMIT_STATUSES).exists():
        return []
    return ["an issued permit"]
