"""Building messages and queueing them once: one row per kind, visit, day, recipient and channel.

A sweep builds its messages with `messages_to_customer` / `messages_to_employee`, stores them with
`messages_queue` (a key already stored is left alone, so a re-run is harmless) and the still
pending ones are handed to the workers after commit.
"""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from installops.errors import full_clean_or_refuse
from installops.queueing import publish_or_defer
from people.models import Employee
from scheduling.models import Visit

from ..choices import Channel, MessageStatus
from ..models import Message
from .recipients import customer_address, employee_address

INSERT_BATCH = 1000
# The related rows were just read: checking each one again would cost a query per message.
RELATED_FIELDS = ["job", "visit", "crew_page", "recipient_user", "template"]


def message_key(*, kind: str, visit_id: int | None, day: date, recipient: str, channel: str, tag: str = "") -> str:
    """The idempotency key: one message per kind, visit, day, recipient and channel, ever.

    `tag` names what else makes a message another one: the change it tells of, the office's resend.
    """
    key = f"{kind}:{visit_id or '-'}:{day.isoformat()}:{recipient}:{channel}"
    return f"{key}:{tag}" if tag else key


def message_build(
    *, kind, channel, day, recipient, recipient_name, address, skip_reason, tag: str = "", **links_
) -> Message:
    """One message, not saved yet: pending, or skipped with the reason."""
    message = Message(
        kind=kind,
        channel=channel,
        for_date=day,
        idempotency_key=message_key(
            kind=kind, visit_id=links_.get("visit_id"), day=day, recipient=recipient, channel=channel, tag=tag
        ),
        recipient_name=recipient_name[:200],
        recipient_address=address[:254],
        status=MessageStatus.SKIPPED if skip_reason else MessageStatus.PENDING,
        skip_reason=skip_reason,
        **links_,
    )
    # Unique keys are left to the database (ON CONFLICT DO NOTHING is what makes re-runs harmless).
    full_clean_or_refuse(message, exclude=RELATED_FIELDS, validate_unique=False, validate_constraints=False)
    return message


def messages_to_customer(visit: Visit, *, kind: str, day: date, tag: str = "", **fields) -> list[Message]:
    """One message a channel (text and email) to the visit's customer, each with its skip reason if any."""
    customer = visit.job.customer
    messages = []
    for channel in Channel:
        address, skip_reason = customer_address(customer, channel)
        messages.append(
            message_build(
                kind=kind,
                channel=channel,
                day=day,
                recipient=f"customer:{customer.pk}",
                recipient_name=customer.name,
                address=address,
                skip_reason=skip_reason,
                tag=tag,
                job_id=visit.job_id,
                visit_id=visit.pk,
                **fields,
            )
        )
    return messages


def messages_to_employee(employee: Employee, *, kind: str, day: date, tag: str = "", **fields) -> list[Message]:
    """One message a channel (text and email) to a member of staff, each with its skip reason if any."""
    messages = []
    for channel in Channel:
        address, skip_reason = employee_address(employee, channel)
        messages.append(
            message_build(
                kind=kind,
                channel=channel,
                day=day,
                recipient=f"user:{employee.user_id}",
                recipient_name=str(employee),
                address=address,
                skip_reason=skip_reason,
                recipient_user_id=employee.user_id,
                tag=tag,
                **fields,
            )
        )
    return messages


def messages_queue(messages: list[Message]) -> list[int]:
    """Store new messages (a key already stored is left alone) and send those still queued, after commit.

    Returns the IDs handed to the workers. Call inside a transaction.
    """
    Message.objects.bulk_create(messages, ignore_conflicts=True, batch_size=INSERT_BATCH)
    keys = [message.idempotency_key for message in messages]
    to_send = list(
        Message.objects.filter(idempotency_key__in=keys, status=MessageStatus.PENDING).values_list("pk", flat=True)
    )
    if to_send:
        transaction.on_commit(lambda: messages_enqueue(message_ids=to_send))
    return to_send


def messages_enqueue(*, message_ids: list[int]) -> bool:
    """One send task per message, IDs only, through one broker connection; marks them queued.

    Never raises for a broker that is down: the messages stay pending and unmarked, and the relay
    (`messages_relay`) queues them once it is back. Returns whether the broker took them.
    """
    from ..tasks import message_send_task

    def publish() -> None:
        with message_send_task.app.producer_or_acquire() as producer:
            for message_id in message_ids:
                message_send_task.apply_async((message_id,), producer=producer)

    if not publish_or_defer(publish, what=f"{len(message_ids)} message(s)"):
        return False
    Message.objects.filter(pk__in=message_ids, status=MessageStatus.PENDING).update(enqueued_at=timezone.now())
    return True


@dataclass
class SweepResult:
    day: date
    queued: int
    skipped: int

    def __str__(self) -> str:
        return f"{self.day}: {self.queued} to send, {self.skipped} skipped"


def sweep_result(day: date, messages: list[Message], queued: list[int]) -> SweepResult:
    skipped = sum(1 for message in messages if message.status == MessageStatus.SKIPPED)
    return SweepResult(day=day, queued=len(queued), skipped=skipped)
