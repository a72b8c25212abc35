"""The start gate's way round: a coordinator lets a job's install visits start before the permit
is issued, with a reason (who and when are kept; the gate itself is `selectors.permit_start_refusal`)."""

from django.db import transaction

from installops.errors import DomainError, full_clean_or_refuse
from jobs.models import Job

from ..models import PermitStartOverride
from ..selectors import permit_start_refusal

OVERRIDE_PERMISSION = "permits.override_permit_gate"


def permit_start_override_grant(*, job: Job, reason: str, by) -> PermitStartOverride:
    """Let the job's install visits start (on my way) without an issued permit."""
    reason = (reason or "").strip()
    if by is None or not by.has_perm(OVERRIDE_PERMISSION):
        raise DomainError("Only a coordinator may let an install start without its permit.", field="reason")
    if not reason:
        raise DomainError("Say why the install may start without its permit.", field="reason")
    with transaction.atomic():
        job = Job.objects.select_for_update().get(pk=job.pk)
        if not permit_start_refusal(job=job):
            raise DomainError("This job's visits may already start: there is nothing to override.", field="reason")
        override = PermitStartOverride(job=job, reason=reason, granted_by=by)
        full_clean_or_refuse(override)
        override.save()
    return override
