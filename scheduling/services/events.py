"""Scheduling's events go out after the transaction commits, with IDs only (scheduling.signals)."""

import logging

from django.db import transaction

from ..models import Visit

logger = logging.getLogger(__name__)


def send_after_commit(signal, **kwargs) -> None:
    """Send `signal` once the current transaction commits; a failing receiver is logged, never raised."""

    def send():
        for receiver, result in signal.send_robust(sender=Visit, **kwargs):
            if isinstance(result, Exception):
                logger.error("Receiver %r of %s failed", receiver, kwargs, exc_info=result)

    transaction.on_commit(send)
