"""Accounting's morning reminder of manufacturer warranty registrations due soon or overdue, by email,
once a company day.

Each accounting user's message is keyed on the day, so a sweep run twice (beat and the catch-up, a
redelivered task) sends nothing more; nothing due sends nothing at all.
"""

import logging
from datetime import date

from django.conf import settings
from django.db import transaction
from django.urls import reverse

from billing.selectors import warranty_due_list
from installops.clock import company_today

from .. import links, selectors
from ..choices import Channel, MessageKind
from ..models import Message
from .errors import PermanentSendError
from .queueing import SweepResult, message_build, messages_queue, sweep_result
from .recipients import employee_address

logger = logging.getLogger(__name__)


def _due(day: date):
    rows, total = warranty_due_list(today=day, within_days=settings.WARRANTY_DIGEST_WITHIN_DAYS)
    return rows, total


def warranty_digest_sweep(*, day: date | None = None) -> SweepResult:
    """Email the registrations due within WARRANTY_DIGEST_WITHIN_DAYS of `day` (and overdue) to accounting."""
    day = day or company_today()
    rows, _total = _due(day)
    if not rows:
        logger.info("Warranty digest %s: nothing due", day)
        return SweepResult(day=day, queued=0, skipped=0)
    messages = []
    for person in selectors.accounting_list_active():
        address, skip_reason = employee_address(person, Channel.EMAIL)
        messages.append(
            message_build(
                kind=MessageKind.WARRANTY_DIGEST,
                channel=Channel.EMAIL,
                day=day,
                recipient=f"user:{person.user_id}",
                recipient_name=str(person),
                address=address,
                skip_reason=skip_reason,
                recipient_user_id=person.user_id,
            )
        )
    with transaction.atomic():
        queued = messages_queue(messages)
    result = sweep_result(day, messages, queued)
    logger.info("Warranty digest %s", result)
    return result


def warranty_digest_context(message: Message) -> dict:
    """The registrations as they stand when the message is sent (one registered since is left out)."""
    rows, total = _due(message.for_date)
    if not rows:
        raise PermanentSendError("Nothing is left to register")
    return {
        "first_name": message.recipient_user.first_name if message.recipient_user else "",
        "within_days": settings.WARRANTY_DIGEST_WITHIN_DAYS,
        "lines": [
            {
                "job_number": row.unit.job.number,
                "customer_name": row.unit.job.customer.name,
                "unit": f"{row.unit.manufacturer} {row.unit.model_number} s/n {row.unit.serial_number}",
                "due_on": row.due_on,
                "overdue": row.overdue,
                "days": abs(row.days_left),
            }
            for row in rows
        ],
        "more": total - len(rows),
        "warranty_list_url": links.absolute(reverse("billing:warranty_list")),
    }
