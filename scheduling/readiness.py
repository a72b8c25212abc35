"""Scheduling's readiness check (registered by SchedulingConfig.ready()): the customer confirmed the visit."""

from django.db.models import Exists, OuterRef, Q

from .choices import VisitStatus
from .models import Visit


def not_confirmed(job_ref: str, on_visits: bool):
    if on_visits:
        return Q(status=VisitStatus.SCHEDULED)
    return Exists(Visit.objects.filter(job_id=OuterRef(job_ref), status=VisitStatus.SCHEDULED))
