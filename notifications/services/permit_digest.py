"""The install administrators' morning digest: the permit follow-up list by email, once a company day.

Each administrator's message is keyed on the day, so a sweep run twice (beat and the catch-up, a
redelivered task) sends nothing more; an empty list sends nothing at all.
"""

import logging
from datetime import date

from django.db import transaction
from django.urls import reverse

from installops.clock import company_today
from permits.selectors import follow_up_list

from .. import links, selectors
from ..choices import Channel, MessageKind
from ..models import Message
from .errors import PermanentSendError
from .queueing import SweepResult, message_build, messages_queue, sweep_result
from .recipients import employee_address

logger = logging.getLogger(__name__)


def permit_digest_sweep(*, day: date | None = None) -> SweepResult:
    """Email the follow-up list of `day` (default today) to every active install administrator."""
    day = day or company_today()
    if not follow_up_list(today=day):
        logger.info("Permit digest %s: nothing to follow up", day)
        return SweepResult(day=day, queued=0, skipped=0)
    messages = []
    for admin in selectors.install_admin_list_active():
        address, skip_reason = employee_address(admin, Channel.EMAIL)
        messages.append(
            message_build(
                kind=MessageKind.PERMIT_DIGEST,
                channel=Channel.EMAIL,
                day=day,
                recipient=f"user:{admin.user_id}",
                recipient_name=str(admin),
                address=address,
                skip_reason=skip_reason,
                recipient_user_id=admin.user_id,
            )
        )
    with transaction.atomic():
        queued = messages_queue(messages)
    result = sweep_result(day, messages, queued)
    logger.info("Permit digest %s", result)
    return result


def permit_digest_context(message: Message) -> dict:
    """The list as it stands when the message is sent (a line fixed since the sweep is left out)."""
    lines = follow_up_list(today=message.for_date)
    if not lines:
        raise PermanentSendError("Nothing is left to follow up")
    return {
        "admin_name": message.recipient_user.first_name if message.recipient_user else "",
        "lines": [{"url": links.absolute(line.fix_url), **_line_fields(line)} for line in lines],
        "follow_up_url": links.absolute(reverse("permits:follow_up")),
    }


def _line_fields(line) -> dict:
    return {
        "job_number": line.job_number,
        "customer_name": line.customer_name,
        "kind_label": line.kind_label,
        "age_days": line.age_days,
        "what": line.what,
        "since": line.since,
    }
