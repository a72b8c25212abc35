"""Permits' readiness check (registered by PermitsConfig.ready()): a job that needs a permit needs its number."""

from django.db.models import Exists, OuterRef

from .choices import DEAD_PERMIT_STATUSES
from .models import Permit
from .selectors import permit_needed_q


def no_permit_number(job_ref: str, on_visits: bool):
    numbered = (
        Permit.objects.filter(job_id=OuterRef(job_ref)).exclude(number="").exclude(status__in=DEAD_PERMIT_STATUSES)
    )
    return permit_needed_q(job_ref) & ~Exists(numbered)
