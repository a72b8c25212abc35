"""A customer who asked for another day shows on every page that shows readiness (the board too).

Registered into jobs' readiness checks by NotificationsConfig.ready(), so scheduling needs to know
nothing about confirmations.
"""

from django.db.models import Exists, OuterRef, Q

from scheduling.choices import VisitStatus
from scheduling.models import Visit

from .choices import DECISIVE_OUTCOMES, ConfirmationOutcome
from .models import ConfirmationEvent

# Visits still planned to go ahead: the answer matters only for those.
PLANNED = [VisitStatus.SCHEDULED, VisitStatus.CONFIRMED]


def _wants_another_day(visit_ref: str):
    """True when the latest decisive answer on the visit (online or on the phone) asks for another day
    and the visit has not been moved since."""
    later_decisive = ConfirmationEvent.objects.filter(
        visit_id=OuterRef("visit_id"), outcome__in=DECISIVE_OUTCOMES, recorded_at__gt=OuterRef("recorded_at")
    )
    moved_since = Visit.objects.filter(pk=OuterRef("visit_id"), moved_at__gt=OuterRef("recorded_at"))
    return Exists(
        ConfirmationEvent.objects.filter(visit_id=OuterRef(visit_ref), outcome=ConfirmationOutcome.RESCHEDULE_REQUESTED)
        .exclude(Exists(later_decisive))
        .exclude(Exists(moved_since))
    )


def reschedule_requested(job_ref: str, on_visits: bool):
    if on_visits:
        return Q(status__in=PLANNED) & Q(_wants_another_day("pk"))
    planned_visits = Visit.objects.filter(job_id=OuterRef(job_ref), status__in=PLANNED)
    return Exists(planned_visits.filter(_wants_another_day("pk")))
