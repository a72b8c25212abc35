"""Sending one queued message once: claimed, rendered, delivered, recorded (or retried, or failed)."""

from datetime import timedelta
from email.utils import make_msgid

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from installops.errors import DomainError, full_clean_or_refuse

from ..choices import Channel, MessageKind, MessageStatus
from ..models import Message
from ..sms import SmsPermanentError, SmsTransientError, send_sms
from .errors import MessageInFlight, PermanentSendError, TransientSendError
from .invoices import invoice_attachments, invoice_delivery_report
from .queueing import RELATED_FIELDS, messages_enqueue
from .rendering import message_render


def _attachments(message: Message) -> list[tuple[str, bytes, str]]:
    """Files a kind of message carries: an invoice its PDF."""
    if message.kind == MessageKind.INVOICE:
        return invoice_attachments(message)
    return []


def _deliver(message: Message, subject: str, body: str, attachments: list | None = None) -> str:
    if message.channel == Channel.SMS:
        try:
            return send_sms(to=message.recipient_address, body=body)
        except SmsPermanentError as error:
            raise PermanentSendError(str(error)) from error
        except SmsTransientError as error:
            raise TransientSendError(str(error)) from error
    message_id = make_msgid(domain=settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip("> ") or None)
    email = EmailMessage(
        subject=subject,
        body=body,
        to=[message.recipient_address],
        headers={"Message-ID": message_id},
        attachments=attachments or None,
    )
    try:
        email.send()
    except Exception as error:
        # anymail and smtplib name refused recipients; everything else (network, provider) may pass later.
        if type(error).__name__ in ("SMTPRecipientsRefused", "AnymailRecipientsRefused", "AnymailInvalidAddress"):
            raise PermanentSendError(f"The address was refused: {error}") from error
        raise TransientSendError(f"{type(error).__name__}: {error}") from error
    status = getattr(email, "anymail_status", None)
    return (getattr(status, "message_id", None) or message_id)[:120]


def sending_lease() -> timedelta:
    """How long a claimed message may stay "sending" before we know its worker died.

    Longer than the send task's hard time limit: a live worker has finished or been killed by then.
    """
    return timedelta(seconds=settings.NOTIFICATIONS_SENDING_LEASE_SECONDS)


# Attempts after which a message whose worker keeps dying before it sends is given up (visibly).
MAX_ATTEMPTS = 6
STOPPED_BEFORE_SENDING = "The sending worker stopped before it reached the provider; queued again."
STOPPED_MID_SEND = (
    "The sending worker stopped mid-way; it may or may not have gone out, so it was not sent again. "
    "Check with the recipient and resend if needed."
)


def messages_settle_stuck(*, message_ids: list[int] | None = None) -> tuple[int, int]:
    """Settle messages left "sending" past the lease by a worker that died: (queued again, failed).

    One that never reached the provider (no `handed_over_at`) goes back to pending and is sent once;
    one that may have gone out is failed with the reason, never sent again. Two updates, whatever the
    number of messages. `message_ids` narrows it to those messages.
    """
    now = timezone.now()
    stuck = Message.objects.filter(status=MessageStatus.SENDING, last_attempt_at__lt=now - sending_lease())
    if message_ids is not None:
        stuck = stuck.filter(pk__in=message_ids)
    never_left = stuck.filter(handed_over_at__isnull=True)
    requeued = never_left.filter(attempts__lt=MAX_ATTEMPTS).update(
        status=MessageStatus.PENDING, enqueued_at=None, error=STOPPED_BEFORE_SENDING, updated_at=now
    )
    gave_up = never_left.filter(attempts__gte=MAX_ATTEMPTS).update(
        status=MessageStatus.FAILED,
        updated_at=now,
        error=f"The sending worker stopped before sending, {MAX_ATTEMPTS} times; it did not go out.",
    )
    failed = stuck.filter(handed_over_at__isnull=False).update(
        status=MessageStatus.FAILED, error=STOPPED_MID_SEND, updated_at=now
    )
    return requeued, gave_up + failed


def message_claim(*, message_id: int) -> Message | None:
    """Take the message for this attempt, or None when it is not ours to send (already done or in hand).

    The claim is one atomic state transition (pending → sending, committed before anything leaves):
    of two copies of a task, redelivered or duplicated, exactly one wins; the other finds it
    "sending" or "sent" and stops. A message left "sending" by a killed worker past the lease is
    settled (`messages_settle_stuck`): sent again only if it never reached the provider.
    """
    if _claim(message_id):
        return _claimed(message_id)
    if not Message.objects.filter(pk=message_id, status=MessageStatus.SENDING).exists():
        return None  # sent, failed or skipped: nothing to do
    if Message.objects.filter(pk=message_id, last_attempt_at__gte=timezone.now() - sending_lease()).exists():
        raise MessageInFlight(message_id)
    requeued, _ = messages_settle_stuck(message_ids=[message_id])
    # It never left: this redelivered task may send it (once: the claim is atomic again).
    return _claimed(message_id) if requeued and _claim(message_id) else None


def _claim(message_id: int) -> bool:
    now = timezone.now()
    return bool(
        Message.objects.filter(pk=message_id, status=MessageStatus.PENDING).update(
            status=MessageStatus.SENDING,
            attempts=F("attempts") + 1,
            last_attempt_at=now,
            handed_over_at=None,
            updated_at=now,
        )
    )


def _claimed(message_id: int) -> Message:
    # The visit and its customer come along: most messages need nothing else to be rendered.
    return Message.objects.select_related("visit__job__customer", "visit__job__site").get(pk=message_id)


def message_hand_over(message: Message) -> bool:
    """Record, committed, that this attempt now calls the provider; False when the claim was lost
    meanwhile (the lease ran out and the message was queued again: that attempt sends it)."""
    return bool(
        Message.objects.filter(
            pk=message.pk, status=MessageStatus.SENDING, attempts=message.attempts, handed_over_at__isnull=True
        ).update(handed_over_at=timezone.now())
    )


def message_retry_planned(*, message_id: int, countdown: int) -> None:
    """A retry is on the broker for later: the relay leaves the message alone until then (plus the lease)."""
    due = timezone.now() + timedelta(seconds=countdown)
    Message.objects.filter(pk=message_id, status=MessageStatus.PENDING).update(enqueued_at=due)


def _finish(message: Message, **fields) -> None:
    for name, value in fields.items():
        setattr(message, name, value)
    # The related rows were read a moment ago; re-checking each one would cost a query apiece.
    full_clean_or_refuse(message, exclude=RELATED_FIELDS, validate_unique=False, validate_constraints=False)
    message.save(update_fields=[*fields, "updated_at"])


def message_send(*, message_id: int, final_attempt: bool = True) -> Message | None:
    """Send one queued message once. Raises TransientSendError when a later attempt may succeed, and
    MessageInFlight when another delivery of the task is sending it right now."""
    message = message_claim(message_id=message_id)
    if message is None:
        return None
    try:
        template, subject, body = message_render(message)
        attachments = _attachments(message)
        if not message_hand_over(message):
            return None
        provider_id = _deliver(message, subject, body, attachments)
    except PermanentSendError as error:
        _finish(message, status=MessageStatus.FAILED, error=str(error))
        invoice_delivery_report(message)
        return message
    except TransientSendError as error:
        if final_attempt:
            _finish(message, status=MessageStatus.FAILED, error=f"Gave up after {message.attempts} attempts: {error}")
            invoice_delivery_report(message)
            return message
        _finish(message, status=MessageStatus.PENDING, error=f"Attempt {message.attempts} failed: {error}")
        raise
    _finish(
        message,
        status=MessageStatus.SENT,
        sent_at=timezone.now(),
        provider_id=provider_id,
        template=template,
        subject=subject,
        body=body,
        error="",
    )
    invoice_delivery_report(message)
    return message


def message_resend(*, message: Message, by=None) -> Message:
    """Queue a failed message again (the office fixed the number, or the provider is back)."""
    with transaction.atomic():
        message = Message.objects.select_for_update().get(pk=message.pk)
        if message.status != MessageStatus.FAILED:
            raise DomainError("Only a failed message can be sent again.")
        _finish(
            message,
            status=MessageStatus.PENDING,
            enqueued_at=None,
            error=f"Resent by {by or 'the office'} after: {message.error}",
        )
        transaction.on_commit(lambda: messages_enqueue(message_ids=[message.pk]))
    return message
