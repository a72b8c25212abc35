"""Every write of the messaging side: sweeps that queue messages, sending one, replies, calls, pages."""

import logging
import time
from dataclasses import dataclass
from datetime import date, timedelta
from email.utils import make_msgid
from functools import lru_cache

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F
from django.template import Context, Engine, TemplateDoesNotExist, TemplateSyntaxError
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import time_format

from installops.errors import DomainError
from jobs.models import Customer
from people.models import Employee
from scheduling.choices import VisitStatus
from scheduling.models import Visit

from .. import links, selectors
from ..choices import (
    Channel,
    ConfirmationOutcome,
    ConfirmationSource,
    MessageKind,
    MessageStatus,
    SkipReason,
)
from ..defaults import DEFAULT_TEMPLATES
from ..models import ConfirmationEvent, CrewPage, Message, MessageTemplate
from ..sms import SmsPermanentError, SmsTransientError, phone_to_e164, send_sms

logger = logging.getLogger(__name__)

INSERT_BATCH = 1000
RELATED_FIELDS = ["job", "visit", "crew_page", "recipient_user", "template"]


class TransientSendError(Exception):
    """Sending failed in a way that may work later: the task retries."""


class PermanentSendError(Exception):
    """Sending can never work for this message: it ends failed, with the reason."""


# ---------------------------------------------------------------- recipients


def customer_address(customer: Customer, channel: str) -> tuple[str, str]:
    """(address, skip reason): where this customer gets messages on that channel, or why not."""
    if channel == Channel.SMS:
        if customer.sms_opt_out:
            return "", SkipReason.SMS_OPT_OUT
        numbers = [number for number in (customer.phone, customer.alt_phone) if number.strip()]
        if not numbers:
            return "", SkipReason.NO_PHONE
        for number in numbers:
            e164 = phone_to_e164(number)
            if e164:
                return e164, ""
        return numbers[0], SkipReason.INVALID_NUMBER
    if customer.email_opt_out:
        return "", SkipReason.EMAIL_OPT_OUT
    if not customer.email.strip():
        return "", SkipReason.NO_EMAIL
    return customer.email.strip(), ""


def employee_address(employee: Employee, channel: str) -> tuple[str, str]:
    if channel == Channel.SMS:
        if not employee.phone.strip():
            return "", SkipReason.NO_PHONE
        e164 = phone_to_e164(employee.phone)
        return (e164, "") if e164 else (employee.phone, SkipReason.INVALID_NUMBER)
    if not employee.user.email.strip():
        return "", SkipReason.NO_EMAIL
    return employee.user.email.strip(), ""


def message_key(*, kind: str, visit_id: int | None, day: date, recipient: str, channel: str) -> str:
    """The idempotency key: one message per kind, visit, day, recipient and channel, ever."""
    return f"{kind}:{visit_id or '-'}:{day.isoformat()}:{recipient}:{channel}"


def _message(*, kind, channel, day, recipient, recipient_name, address, skip_reason, **links_) -> Message:
    message = Message(
        kind=kind,
        channel=channel,
        for_date=day,
        idempotency_key=message_key(
            kind=kind, visit_id=links_.get("visit_id"), day=day, recipient=recipient, channel=channel
        ),
        recipient_name=recipient_name[:200],
        recipient_address=address[:254],
        status=MessageStatus.SKIPPED if skip_reason else MessageStatus.PENDING,
        skip_reason=skip_reason,
        **links_,
    )
    # Unique keys are left to the database (ON CONFLICT DO NOTHING is what makes re-runs harmless),
    # and the related rows were just read: checking each again would cost a query per message.
    message.full_clean(exclude=RELATED_FIELDS, validate_unique=False, validate_constraints=False)
    return message


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


def messages_enqueue(*, message_ids: list[int]) -> None:
    """One send task per message, IDs only, through one broker connection."""
    from ..tasks import message_send_task

    with message_send_task.app.producer_or_acquire() as producer:
        for message_id in message_ids:
            message_send_task.apply_async((message_id,), producer=producer)


# ---------------------------------------------------------------- sweeps


@dataclass
class SweepResult:
    day: date
    queued: int
    skipped: int

    def __str__(self) -> str:
        return f"{self.day}: {self.queued} to send, {self.skipped} skipped"


def _result(day: date, messages: list[Message], queued: list[int]) -> SweepResult:
    return SweepResult(
        day=day, queued=len(queued), skipped=sum(1 for message in messages if message.status == MessageStatus.SKIPPED)
    )


def confirmation_sweep(*, day: date | None = None, visit_ids: list[int] | None = None) -> SweepResult:
    """Ask every customer with a visit on `day` (default tomorrow) to confirm, by text and email.

    `visit_ids` limits it to those visits (a visit booked after the morning's sweep).
    """
    day = day or selectors.company_tomorrow()
    visits = selectors.visit_list_for_confirmation(day=day)
    if visit_ids is not None:
        visits = visits.filter(pk__in=visit_ids)
    with transaction.atomic():
        messages = []
        for visit in visits:
            messages += _messages_to_customer(visit, kind=MessageKind.CONFIRMATION, day=day)
        queued = messages_queue(messages)
    result = _result(day, messages, queued)
    logger.info("Confirmation sweep %s", result)
    return result


def _messages_to_customer(visit: Visit, *, kind: str, day: date) -> list[Message]:
    """One message a channel (text and email) to the visit's customer, each with its skip reason if any."""
    customer = visit.job.customer
    messages = []
    for channel in Channel:
        address, skip_reason = customer_address(customer, channel)
        messages.append(
            _message(
                kind=kind,
                channel=channel,
                day=day,
                recipient=f"customer:{customer.pk}",
                recipient_name=customer.name,
                address=address,
                skip_reason=skip_reason,
                job_id=visit.job_id,
                visit_id=visit.pk,
            )
        )
    return messages


def _messages_to_employee(employee, *, kind: str, day: date, **fields) -> list[Message]:
    """One message a channel (text and email) to a member of staff, each with its skip reason if any."""
    messages = []
    for channel in Channel:
        address, skip_reason = employee_address(employee, channel)
        messages.append(
            _message(
                kind=kind,
                channel=channel,
                day=day,
                recipient=f"user:{employee.user_id}",
                recipient_name=str(employee),
                address=address,
                skip_reason=skip_reason,
                recipient_user_id=employee.user_id,
                **fields,
            )
        )
    return messages


def page_out_sweep(*, day: date | None = None) -> SweepResult:
    """Page every crew member working on `day` (default tomorrow) with their day; copy the salespeople.

    A member's page covers their whole day, so its key has no visit: a rebooked first call does
    not page them twice.
    """
    day = day or selectors.company_tomorrow()
    visits = list(selectors.visit_list_for_page_out(day=day))
    first_visit: dict[int, Visit] = {}
    people: dict[int, Employee] = {}
    crew_of: dict[int, int | None] = {}
    for visit in visits:
        for person in selectors.visit_people(visit):
            people.setdefault(person.pk, person)
            first_visit.setdefault(person.pk, visit)
            crew_of.setdefault(person.pk, visit.crew_id)
    with transaction.atomic():
        CrewPage.objects.bulk_create(
            [CrewPage(employee_id=pk, crew_id=crew_of[pk], for_date=day) for pk in people],
            ignore_conflicts=True,
        )
        pages = {page.employee_id: page for page in CrewPage.objects.filter(for_date=day, employee_id__in=people)}
        messages = []
        for employee_id, employee in people.items():
            messages += _messages_to_employee(
                employee,
                kind=MessageKind.PAGE_OUT,
                day=day,
                crew_page_id=pages[employee_id].pk,
                job_id=first_visit[employee_id].job_id,
            )
        for visit in visits:
            salesperson = visit.job.salesperson
            if salesperson is None:
                continue
            address = salesperson.email.strip()
            messages.append(
                _message(
                    kind=MessageKind.PAGE_OUT_COPY,
                    channel=Channel.EMAIL,
                    day=day,
                    recipient=f"user:{salesperson.pk}",
                    recipient_name=salesperson.get_full_name() or salesperson.get_username(),
                    address=address,
                    skip_reason="" if address else SkipReason.NO_EMAIL,
                    recipient_user_id=salesperson.pk,
                    job_id=visit.job_id,
                    visit_id=visit.pk,
                )
            )
        queued = messages_queue(messages)
    result = _result(day, messages, queued)
    logger.info("Page-out sweep %s", result)
    return result


def page_escalation_sweep(*, day: date | None = None) -> SweepResult:
    """Tell the coordinators which crew members have not acknowledged the page for `day` (default tomorrow)."""
    day = day or selectors.company_tomorrow()
    with transaction.atomic():
        waiting = list(
            CrewPage.objects.select_for_update()
            .filter(for_date=day, acknowledged_at__isnull=True, escalated_at__isnull=True)
            .order_by("pk")
        )
        if not waiting:
            return SweepResult(day=day, queued=0, skipped=0)
        now = timezone.now()
        for page in waiting:
            page.escalated_at = now
            page.save(update_fields=["escalated_at", "updated_at"])
        messages = []
        for coordinator in selectors.coordinator_list_active():
            messages += _messages_to_employee(coordinator, kind=MessageKind.PAGE_ESCALATION, day=day)
        queued = messages_queue(messages)
    result = _result(day, messages, queued)
    logger.info("Page escalation sweep %s (%d unacknowledged)", result, len(waiting))
    return result


def visit_messages_catch_up(*, visit_id: int) -> None:
    """A visit booked or moved into tomorrow after today's sweeps ran still gets its confirmation and
    its page-out now (both idempotent), instead of never."""
    visit = selectors.visit_list_on(selectors.company_tomorrow()).filter(pk=visit_id).first()
    if visit is None:
        return
    day = selectors.company_tomorrow()
    now = timezone.now()
    today = day - timedelta(days=1)
    if now >= selectors.at_company_time(today, settings.NOTIFICATIONS_CONFIRMATIONS_AT):
        confirmation_sweep(day=day, visit_ids=[visit_id])
    if now >= selectors.at_company_time(today, settings.NOTIFICATIONS_PAGE_OUT_AT):
        page_out_sweep(day=day)


def on_my_way_notify(*, visit_id: int, by_id: int | None) -> SweepResult:
    """Tell the customer who is on the way. Once per visit and day, however often the button is pressed."""
    from django.contrib.auth import get_user_model

    visit = Visit.objects.select_related("job__customer", "technician__user", "crew__lead__user").get(pk=visit_id)
    by = get_user_model().objects.filter(pk=by_id).first() if by_id else None
    tech = by.get_full_name() if by else ""
    if not tech:
        person = visit.technician or (visit.crew.lead if visit.crew_id else None)
        tech = str(person) if person else "Our technician"
    day = timezone.localdate(timezone.now(), selectors.company_zone())
    with transaction.atomic():
        messages = _messages_to_customer(visit, kind=MessageKind.ON_MY_WAY, day=day)
        for message in messages:
            message.context = {"tech_name": tech}
        queued = messages_queue(messages)
    return _result(day, messages, queued)


# ---------------------------------------------------------------- rendering


# A worker sending thousands of messages reads the wording once a while, not once a message.
TEMPLATE_CACHE_SECONDS = 30
_template_cache: dict[tuple[str, str], tuple[float, MessageTemplate | None]] = {}


def template_for(kind: str, channel: str) -> tuple[MessageTemplate | None, str, str]:
    """The office's wording for this kind and channel, or the built-in one.

    Kept per process for TEMPLATE_CACHE_SECONDS: an edit in admin is used within half a minute.
    """
    now = time.monotonic()
    cached = _template_cache.get((kind, channel))
    if cached is None or now - cached[0] > TEMPLATE_CACHE_SECONDS:
        template = MessageTemplate.objects.filter(kind=kind, channel=channel, active=True).first()
        cached = _template_cache[(kind, channel)] = (now, template)
    template = cached[1]
    if template is not None:
        return template, template.subject, template.body
    subject, body = DEFAULT_TEMPLATES[(kind, channel)]
    return None, subject, body


def _arrival(visit: Visit) -> str:
    if not visit.arrival_window_start:
        return ""
    zone = selectors.company_zone()
    start = time_format(visit.arrival_window_start.astimezone(zone), "g:i a")
    if not visit.arrival_window_end:
        return f"around {start}"
    return f"between {start} and {time_format(visit.arrival_window_end.astimezone(zone), 'g:i a')}"


def _company() -> dict:
    return {"name": settings.COMPANY_NAME, "phone": settings.COMPANY_PHONE}


def _visit_context(visit: Visit) -> dict:
    return {"visit": visit, "job": visit.job, "customer": visit.job.customer, "site": visit.job.site,
            "arrival": _arrival(visit)}  # fmt: skip


def _page_items(visits: list[Visit]) -> list[dict]:
    service_visits = [visit for visit in visits if visit.job.kind in selectors.SERVICE_HISTORY_KINDS]
    history = selectors.service_history_by_customer(
        customer_ids={visit.job.customer_id for visit in service_visits},
        exclude_job_ids={visit.job_id for visit in visits},
    )
    items = []
    for visit in visits:
        is_service_call = visit.job.kind in selectors.SERVICE_HISTORY_KINDS
        items.append(
            {
                **_visit_context(visit),
                "job_folder_url": links.job_folder_url(visit.job),
                "paperwork_url": links.visit_paperwork_url(visit),
                "is_service_call": is_service_call,
                "service_history": history.get(visit.job.customer_id, []) if is_service_call else [],
            }
        )
    return items


def message_context(message: Message) -> dict:
    """What the message's template sees, fetched fresh at send time."""
    context = {"company": _company(), "for_date": message.for_date}
    if message.kind == MessageKind.CONFIRMATION:
        context |= _visit_context(message.visit) | {"confirm_url": links.visit_confirm_url(message.visit_id)}
    elif message.kind == MessageKind.ON_MY_WAY:
        context |= _visit_context(message.visit) | {"tech_name": message.context.get("tech_name") or "Our technician"}
    elif message.kind == MessageKind.PAGE_OUT:
        page = CrewPage.objects.select_related("employee__user").get(pk=message.crew_page_id)
        visits = list(selectors.visit_list_for_employee_on(employee_id=page.employee_id, day=page.for_date))
        if not visits:
            raise PermanentSendError("Nothing is booked for this crew member that day any more")
        context |= {
            "member_name": page.employee.user.first_name or str(page.employee),
            "items": _page_items(visits),
            "acknowledge_url": links.page_acknowledge_url(page.pk),
        }
    elif message.kind == MessageKind.PAGE_OUT_COPY:
        visit = selectors.visit_list_for_page_out(day=message.for_date).filter(pk=message.visit_id).first()
        if visit is None:
            raise PermanentSendError("The visit is no longer booked for that day")
        context |= _visit_context(visit) | {
            "crew_names": ", ".join(str(person) for person in selectors.visit_people(visit)) or "the crew",
            "job_folder_url": links.job_folder_url(visit.job),
        }
    elif message.kind == MessageKind.PAGE_ESCALATION:
        context |= {
            "pages": list(selectors.page_list_unacknowledged(day=message.for_date)),
            "worklist_url": links.absolute(reverse("notifications:page_worklist") + f"?day={message.for_date}"),
        }
    return context


@lru_cache(maxsize=64)
def _compiled(source: str):
    """Parsing a template costs more than rendering it; an edited template is a new source, a new entry."""
    return Engine.get_default().from_string(source)


def message_render(message: Message) -> tuple[MessageTemplate | None, str, str]:
    template, subject_source, body_source = template_for(message.kind, message.channel)
    context = message_context(message)
    try:
        subject = _compiled(subject_source).render(Context(context, autoescape=False))
        body = _compiled(body_source).render(Context(context, autoescape=False))
    except (TemplateSyntaxError, TemplateDoesNotExist) as error:
        raise PermanentSendError(f"The message template has an error: {error}") from error
    return template, " ".join(subject.split())[:300], body.strip()


# ---------------------------------------------------------------- sending


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


class MessageInFlight(Exception):
    """Another delivery of the task holds the message. Look again after the lease: by then it is
    sent, or its worker died and the message is marked failed."""


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
    message.full_clean(exclude=RELATED_FIELDS, validate_unique=False, validate_constraints=False)
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


# ---------------------------------------------------------------- replies and calls

CUSTOMER_OUTCOMES = {ConfirmationOutcome.CONFIRMED, ConfirmationOutcome.RESCHEDULE_REQUESTED}


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
        event.full_clean()
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


# ---------------------------------------------------------------- page acknowledgement


def crew_page_acknowledge(*, page: CrewPage) -> CrewPage:
    """The crew member tapped "got it". A second tap changes nothing."""
    with transaction.atomic():
        page = CrewPage.objects.select_for_update().get(pk=page.pk)
        if page.acknowledged_at is None:
            page.acknowledged_at = timezone.now()
            page.full_clean(validate_unique=False)
            page.save(update_fields=["acknowledged_at", "updated_at"])
    return page
