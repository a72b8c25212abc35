"""Asking customers to confirm tomorrow's visit, and recording their answers and the office's calls."""

import logging
from datetime import date

from django.db import transaction
from django.utils import timezone

from installops.clock import company_tomorrow
from installops.errors import DomainError, full_clean_or_refuse
from scheduling.choices import VisitStatus
from scheduling.models import Visit

from .. import selectors
from ..choices import ConfirmationOutcome, ConfirmationSource, MessageKind
from ..models import ConfirmationEvent
from .queueing import SweepResult, messages_queue, messages_to_customer, sweep_result

logger = logging.getLogger(__name__)

CUSTOMER_OUTCOMES = {ConfirmationOutcome.CONFIRMED, ConfirmationOutcome.RESCHEDULE_REQUESTED}


def confirmation_sweep(*, day: date | None = None, visit_ids: list[int] | None = None) -> SweepResult:
    """Ask every customer with a visit on `day` (default tomorrow) to confirm, by text and email.

    `visit_ids` limits it to those visits (a visit booked after the morning's sweep).
    """
    day = day or company_tomorrow()
    visits = selectors.visit_list_for_confirmation(day=day)
    if visit_ids is not None:
        visits = visits.filter(pk__in=visit_ids)
    with transaction.atomic():
        messages = []
        for visit in visits:
            messages += messages_to_customer(visit, kind=MessageKind.CONFIRMATION, day=day)
        queued = messages_queue(messages)
    result = sweep_result(day, messages, queued)
    logger.info("Confirmation sweep %s", result)
    return result


def _set_visit_status(*, visit: Visit, to_status: str, by, reason: str = "") -> None:
    from scheduling.services import visit_set_dispatch_status

    visit_set_dispatch_status(visit=visit, to_status=to_status, by=by, reason=reason)


def visit_confirmation_record(
    *, visit: Visit, source: str, outcome: str, note: str = "", by=None, at=None
) -> ConfirmationEvent:
    """Record a customer's online answer or a call's outcome.

    "Confirmed" confirms the visit on the board; a cancel taken on the phone cancels it there (with
    the customer's reason). A request for another day stays on the call list until the visit is moved.
    """
    note = note.strip()
    if source == ConfirmationSource.CUSTOMER_REPLY and outcome not in CUSTOMER_OUTCOMES:
        raise DomainError("Choose to confirm or to ask for another day.", field="outcome")
    if source == ConfirmationSource.OFFICE_CALL and by is None:
        raise DomainError("A call is logged by someone in the office.")
    if outcome == ConfirmationOutcome.CANCEL_REQUESTED and not note:
        raise DomainError("Say why the customer cancels.", field="note")
    with transaction.atomic():
        visit = Visit.objects.select_for_update().get(pk=visit.pk)
        if visit.status not in selectors.UPCOMING_VISIT_STATUSES:
            raise DomainError(f"This visit is {visit.get_status_display().lower()}; there is nothing to confirm.")
        event = ConfirmationEvent(
            visit=visit, source=source, outcome=outcome, note=note, recorded_by=by, recorded_at=at or timezone.now()
        )
        full_clean_or_refuse(event)
        event.save()
        if outcome == ConfirmationOutcome.CONFIRMED and visit.status == VisitStatus.SCHEDULED:
            _set_visit_status(visit=visit, to_status=VisitStatus.CONFIRMED, by=by)
        elif outcome == ConfirmationOutcome.CANCEL_REQUESTED:
            _set_visit_status(
                visit=visit,
                to_status=VisitStatus.CANCELLED,
                by=by,
                reason=f"Cancelled on the confirmation call: {note}",
            )
    return event
