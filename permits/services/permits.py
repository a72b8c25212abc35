"""Every write to permits goes through here."""

from datetime import date

from django.db import transaction

from installops.errors import DomainError, full_clean_or_refuse
from installops.history import history_note
from jobs.models import Job

from ..choices import NUMBERED_PERMIT_STATUSES, PermitStatus
from ..models import Jurisdiction, Permit


def permit_create(
    *,
    job: Job,
    jurisdiction: Jurisdiction,
    by,
    status: str = PermitStatus.APPLIED,
    number: str = "",
    applied_on: date | None = None,
    issued_on: date | None = None,
) -> Permit:
    """Record a permit applied for (or already issued, with its number) on a job."""
    if status in NUMBERED_PERMIT_STATUSES and not number.strip():
        raise DomainError("An issued permit needs its number.", field="number")
    with transaction.atomic():
        permit = Permit(
            job=job,
            jurisdiction=jurisdiction,
            status=status,
            number=number.strip(),
            applied_on=applied_on,
            issued_on=issued_on,
        )
        full_clean_or_refuse(permit)
        history_note(permit, by=by)
        permit.save()
    return permit
