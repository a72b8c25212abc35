"""Scheduling's events go out after the transaction commits, with IDs only (scheduling.signals)."""

import logging
import uuid

from django.db import transaction

from ..models import Visit

logger = logging.getLogger(__name__)


def status_change_id(record) -> str:
    """The `change_id` of a change recorded as a VisitStatusChange row."""
    return f"status:{record.pk}"


def history_change_id(visit: Visit) -> str:
    """The `change_id` of a change recorded only in the visit's history (the row just saved)."""
    history_id = visit.history.order_by("-history_id").values_list("history_id", flat=True).first()
    # Saved with history switched off (a bulk load): still a name no other change has.
    return f"history:{history_id}" if history_id else f"change:{uuid.uuid4().hex}"


def send_after_commit(signal, **kwargs) -> None:
    """Send `signal` once the current transaction commits; a failing receiver is logged, never raised."""

    def send():
        for receiver, result in signal.send_robust(sender=Visit, **kwargs):
            if isinstance(result, Exception):
                logger.error("Receiver %r of %s failed", receiver, kwargs, exc_info=result)

    transaction.on_commit(send)
