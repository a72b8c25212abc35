"""What permits tell a job's lifecycle (registered by PermitsConfig.ready()): an install is permitted,
and installed, only with an issued permit."""

from jobs.choices import JobKind

from .choices import NUMBERED_PERMIT_STATUSES
from .models import Permit


def permit_not_issued(job) -> list[str]:
    if job.kind != JobKind.INSTALL:
        return []  # service calls need no permit
    if Permit.objects.filter(job_id=job.pk, status__in=NUMBERED_PERMIT_STATUSES).exists():
        return []
    return ["an issued permit"]
