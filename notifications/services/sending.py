"""Sending one queued message once: claimed, rendered, delivered, recorded (or retried, or failed)."""

from datetime import timedelta
from email.utils import make_msgid

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from installops.errors import DomainError, full_clean_or_refuse

from ..choices import Channel, MessageStatus
from ..models import Message
from ..sms import SmsPermanentError, SmsTransientError, send_sms
from .errors import MessageInFlight, PermanentSendError, TransientSendError
from .queueing import RELATED_FIELDS, messages_enqueue
from .rendering import message_render


def _deliver(message: Message, subject: str, body: str) -> str:
    if message.channel == Channel.SMS:
        try:
            return send_sms(to=message.recipient_address, body=body)
        except SmsPermanentError as error:
            raise PermanentSendError(str(error)) from error
        except SmsTransientError as error:
            raise TransientSendError(str(error)) from error
    message_id = make_msgid(domain=settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip("> ") or None)
    email = EmailMessage(subject=subject, body=body, to=[message.recipient_address], headers={"Message-ID": message_id})
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

    Longer than the task's hard time limit: a live worker has finished or been killed by then.
    """
    return timedelta(seconds=settings.NOTIFICATIONS_SENDING_LEASE_SECONDS)


def message_claim(*, message_id: int) -> Message | None:
    """Take the message for this attempt, or None when it is not ours to send (already done or in hand).

    The claim is one atomic state transition (pending → sending, committed before anything leaves):
    of two copies of a task, redelivered or duplicated, exactly one wins; the other finds it
    "sending" or "sent" and stops. A message left "sending" by a killed worker is marked failed
    rather than sent again: we cannot know whether the provider got it.
    """
    now = timezone.now()
    claimed = Message.objects.filter(pk=message_id, status=MessageStatus.PENDING).update(
        status=MessageStatus.SENDING, attempts=F("attempts") + 1, last_attempt_at=now, updated_at=now
    )
    if not claimed:
        if not Message.objects.filter(pk=message_id, status=MessageStatus.SENDING).exists():
            return None  # sent, failed or skipped: nothing to do
        if Message.objects.filter(pk=message_id, last_attempt_at__gte=now - sending_lease()).exists():
            raise MessageInFlight(message_id)
        Message.objects.filter(
            pk=message_id, status=MessageStatus.SENDING, last_attempt_at__lt=now - sending_lease()
        ).update(
            status=MessageStatus.FAILED,
            updated_at=now,
            error="The sending worker stopped mid-way; it may or may not have gone out, so it was not sent "
            "again. Check with the recipient and resend if needed.",
        )
        return None
    # The visit and its customer come along: most messages need nothing else to be rendered.
    return Message.objects.select_related("visit__job__customer", "visit__job__site").get(pk=message_id)


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
        provider_id = _deliver(message, subject, body)
    except PermanentSendError as error:
        _finish(message, status=MessageStatus.FAILED, error=str(error))
        return message
    except TransientSendError as error:
        if final_attempt:
            _finish(message, status=MessageStatus.FAILED, error=f"Gave up after {message.attempts} attempts: {error}")
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
    return message


def message_resend(*, message: Message, by=None) -> Message:
    """Queue a failed message again (the office fixed the number, or the provider is back)."""
    with transaction.atomic():
        message = Message.objects.select_for_update().get(pk=message.pk)
        if message.status != MessageStatus.FAILED:
            raise DomainError("Only a failed message can be sent again.")
        _finish(message, status=MessageStatus.PENDING, error=f"Resent by {by or 'the office'} after: {message.error}")
        transaction.on_commit(lambda: messages_enqueue(message_ids=[message.pk]))
    return message
