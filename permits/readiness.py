"""Permits' readiness check (registered by PermitsConfig.ready()): an install needs its permit number."""

from django.db.models import Exists, OuterRef, Q

from jobs.choices import JobKind
from jobs.readiness import job_field

from .choices import DEAD_PERMIT_STATUSES
from .models import Permit


def no_permit_number(job_ref: str, on_visits: bool):
    numbered = (
        Permit.objects.filter(job_id=OuterRef(job_ref)).exclude(number="").exclude(status__in=DEAD_PERMIT_STATUSES)
    )
    return Q(**{job_field(job_ref, "kind"): JobKind.INSTALL}) & ~Exists(numbered)
