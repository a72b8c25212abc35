"""Every read the messaging side makes, with its joins decided once."""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db.models import Max, Prefetch, QuerySet
from django.utils import timezone

from installops.clock import at_company_time, company_date, company_day_bounds
from jobs.choices import JobKind
from jobs.models import Job
from people.choices import EmployeeRole
from people.models import Employee
from scheduling.choices import VisitStatus
from scheduling.models import Visit
from scheduling.selectors import VISIT_PEOPLE_PREFETCH, VISIT_PEOPLE_SELECT, visit_q_worked_by

from .choices import (
    CUSTOMER_TOLD_KINDS,
    DECISIVE_OUTCOMES,
    ConfirmationOutcome,
    ConfirmationState,
    MessageKind,
    MessageStatus,
)
from .models import ConfirmationEvent, CrewPage, Message

# Visits still ahead of the crew: the ones a confirmation or a page-out is about.
UPCOMING_VISIT_STATUSES = [VisitStatus.SCHEDULED, VisitStatus.CONFIRMED]


def visit_list_on(day: date) -> QuerySet[Visit]:
    start, end = company_day_bounds(day)
    return Visit.objects.filter(starts_at__gte=start, starts_at__lt=end, status__in=UPCOMING_VISIT_STATUSES)


def visit_list_for_confirmation(*, day: date) -> QuerySet[Visit]:
    """Visits that day whose customer has not confirmed yet."""
    return visit_list_on(day).filter(status=VisitStatus.SCHEDULED).select_related("job__customer", "job__site")


def visit_list_for_page_out(*, day: date) -> QuerySet[Visit]:
    return (
        visit_list_on(day)
        .select_related("job__customer", "job__site", "job__salesperson", *VISIT_PEOPLE_SELECT)
        .prefetch_related(VISIT_PEOPLE_PREFETCH)
        .order_by("starts_at", "id")
    )


def visit_list_for_employee_on(*, employee_id: int, day: date) -> QuerySet[Visit]:
    """One crew member's visits that day, first call first."""
    return (
        visit_list_on(day)
        .filter(visit_q_worked_by(employee_ids=[employee_id]))
        .distinct()
        .select_related("job__customer", "job__site", "job__salesperson", "crew")
        .order_by("starts_at", "id")
    )


SERVICE_HISTORY_KINDS = {kind for kind in JobKind if kind != JobKind.INSTALL}


def service_history_by_customer(*, customer_ids: set[int], exclude_job_ids: set[int]) -> dict[int, list[Job]]:
    """Each customer's other jobs, newest first, in one query (for service calls' paperwork)."""
    history: dict[int, list[Job]] = {customer_id: [] for customer_id in customer_ids}
    jobs = (
        Job.objects.filter(customer_id__in=customer_ids)
        .exclude(pk__in=exclude_job_ids)
        .annotate(last_visit_at=Max("visits__starts_at"))
        .order_by("-sold_on", "-id")
    )
    for job in jobs:
        history[job.customer_id].append(job)
    return history


def message_list_for_job(*, job: Job) -> QuerySet[Message]:
    return Message.objects.filter(job=job).select_related("visit").order_by("-created_at", "-id")


def confirmation_event_list_for_job(*, job: Job) -> QuerySet[ConfirmationEvent]:
    return (
        ConfirmationEvent.objects.filter(visit__job=job).select_related("visit", "recorded_by").order_by("-recorded_at")
    )


def coordinator_list_active() -> QuerySet[Employee]:
    return Employee.objects.filter(role=EmployeeRole.COORDINATOR, active=True, user__is_active=True).select_related(
        "user"
    )


# ---------------------------------------------------------------- confirmation state


def confirmation_state(*, visit: Visit, messages: list[Message], events: list[ConfirmationEvent], now, deadline) -> str:
    """Where a visit stands, from the confirmation messages, the replies and the calls together.

    The latest decisive answer (confirmed, another day, cancel) wins, whether the customer gave it
    online or on the phone; a visit already confirmed on the board counts as confirmed.
    """
    decisive = [event for event in events if event.outcome in DECISIVE_OUTCOMES]
    if decisive:
        latest = max(decisive, key=lambda event: (event.recorded_at, event.pk))
        return {
            ConfirmationOutcome.CONFIRMED: ConfirmationState.CONFIRMED,
            ConfirmationOutcome.RESCHEDULE_REQUESTED: ConfirmationState.RESCHEDULE_REQUESTED,
            ConfirmationOutcome.CANCEL_REQUESTED: ConfirmationState.CANCEL_REQUESTED,
        }[ConfirmationOutcome(latest.outcome)]
    if visit.status != VisitStatus.SCHEDULED:
        return ConfirmationState.CONFIRMED
    if not messages:
        return ConfirmationState.NOT_SENT
    if all(message.status in (MessageStatus.SKIPPED, MessageStatus.FAILED) for message in messages):
        return ConfirmationState.UNREACHABLE
    return ConfirmationState.NO_REPLY if now >= deadline else ConfirmationState.AWAITING_REPLY


def latest_of_kind(messages: list[Message], kind: str) -> Message | None:
    """The newest message of that kind among those loaded (created order), or None."""
    of_kind = [message for message in messages if message.kind == kind]
    return max(of_kind, key=lambda message: (message.created_at, message.pk)) if of_kind else None


@dataclass
class ConfirmationRow:
    visit: Visit
    state: str
    messages: list[Message]
    events: list[ConfirmationEvent]
    calls: list[ConfirmationEvent] = field(default_factory=list)

    @property
    def change(self) -> Message | None:
        """The latest "your appointment changed" message: the confirmation asked about another time."""
        return latest_of_kind(self.messages, MessageKind.VISIT_CHANGE)

    @property
    def state_label(self) -> str:
        return ConfirmationState(self.state).label

    @property
    def problems(self) -> list[Message]:
        return [message for message in self.messages if message.status in (MessageStatus.SKIPPED, MessageStatus.FAILED)]

    @property
    def last_event(self):
        return self.events[-1] if self.events else None


# Who the coordinator should call first.
STATE_ORDER = [
    ConfirmationState.CANCEL_REQUESTED,
    ConfirmationState.RESCHEDULE_REQUESTED,
    ConfirmationState.UNREACHABLE,
    ConfirmationState.NO_REPLY,
    ConfirmationState.NOT_SENT,
    ConfirmationState.AWAITING_REPLY,
    ConfirmationState.CONFIRMED,
]
# On the call list; the others wait (for a reply) or are done.
CALL_LIST_STATES = set(STATE_ORDER[:5])


def confirmation_deadline(day: date) -> datetime:
    return at_company_time(day - timedelta(days=1), settings.NOTIFICATIONS_CONFIRM_BY)


def confirmation_rows_for_day(*, day: date, now=None) -> list[ConfirmationRow]:
    """The call-to-confirm worklist for one day: every upcoming visit with its state. Three queries.

    A visit changed after its confirmation shows the change message with the confirmation's.
    """
    now = now or timezone.now()
    deadline = confirmation_deadline(day)
    visits = (
        visit_list_on(day)
        .select_related("job__customer", "job__site", "crew", "technician__user")
        .prefetch_related(
            Prefetch(
                "messages",
                # A change message carries a new confirmation link: it asks again.
                queryset=Message.objects.filter(kind__in=CUSTOMER_TOLD_KINDS, for_date=day).order_by(
                    "created_at", "channel"
                ),
                to_attr="confirmation_messages",
            ),
            Prefetch(
                "confirmation_events",
                queryset=ConfirmationEvent.objects.select_related("recorded_by").order_by("recorded_at", "id"),
                to_attr="events",
            ),
        )
        .order_by("starts_at", "id")
    )
    rows = []
    for visit in visits:
        state = confirmation_state(
            visit=visit, messages=visit.confirmation_messages, events=visit.events, now=now, deadline=deadline
        )
        rows.append(
            ConfirmationRow(visit=visit, state=state, messages=visit.confirmation_messages, events=visit.events)
        )
    rows.sort(key=lambda row: (STATE_ORDER.index(ConfirmationState(row.state)), row.visit.starts_at, row.visit.pk))
    return rows


def confirmation_row_for_visit(*, visit_id: int, now=None) -> ConfirmationRow | None:
    visit = Visit.objects.filter(pk=visit_id).only("starts_at").first()
    if visit is None:
        return None
    day = company_date(visit.starts_at)
    return next((row for row in confirmation_rows_for_day(day=day, now=now) if row.visit.pk == visit_id), None)


# ---------------------------------------------------------------- page-out


@dataclass
class PageRow:
    page: CrewPage
    messages: list[Message]
    overdue: bool

    @property
    def problems(self) -> list[Message]:
        return [message for message in self.messages if message.status in (MessageStatus.SKIPPED, MessageStatus.FAILED)]

    @property
    def update(self) -> Message | None:
        """The latest update a change to the member's day sent after the page."""
        return latest_of_kind(self.messages, MessageKind.PAGE_UPDATE)

    @property
    def update_pending(self) -> bool:
        """A change made the page stale and its update is not out yet."""
        update = self.update
        return update is not None and any(
            message.status in (MessageStatus.PENDING, MessageStatus.SENDING)
            for message in self.messages
            if message.change_id == update.change_id and message.kind == MessageKind.PAGE_UPDATE
        )

    @property
    def latest_messages(self) -> list[Message]:
        """The newest message on each channel: what the member has now."""
        latest: dict[str, Message] = {}
        for message in self.messages:
            latest[message.channel] = message
        return list(latest.values())


def page_ack_deadline(day: date) -> datetime:
    return at_company_time(day - timedelta(days=1), settings.NOTIFICATIONS_PAGE_ACK_BY)


def page_rows_for_day(*, day: date, now=None) -> list[PageRow]:
    """The page-out worklist: every crew member paged for that day, unacknowledged first. Two queries."""
    now = now or timezone.now()
    deadline = page_ack_deadline(day)
    pages = (
        CrewPage.objects.filter(for_date=day)
        .select_related("employee__user", "crew", "acknowledged_by")
        .prefetch_related(
            Prefetch("messages", queryset=Message.objects.order_by("created_at", "id"), to_attr="page_messages"),
        )
    )
    rows = [
        PageRow(page=page, messages=page.page_messages, overdue=page.acknowledged_at is None and now >= deadline)
        for page in pages
    ]
    rows.sort(key=lambda row: (row.page.acknowledged_at is not None, str(row.page.crew or ""), str(row.page.employee)))
    return rows


def message_list_for_page(*, page: CrewPage) -> QuerySet[Message]:
    """Everything a crew member was sent about their day, oldest first (with the words sent)."""
    return page.messages.order_by("created_at", "id")


def page_list_unacknowledged(*, day: date) -> QuerySet[CrewPage]:
    return (
        CrewPage.objects.filter(for_date=day, acknowledged_at__isnull=True)
        .select_related("employee__user", "crew")
        .order_by("crew__name", "id")
    )


def accounting_list_active() -> QuerySet[Employee]:
    """The accounting staff who get the morning's warranty registrations reminder."""
    return Employee.objects.filter(role=EmployeeRole.ACCOUNTING, active=True, user__is_active=True).select_related(
        "user"
    )


def install_admin_list_active() -> QuerySet[Employee]:
    """The install administrators who get the morning's permit follow-up digest."""
    return Employee.objects.filter(role=EmployeeRole.INSTALL_ADMIN, active=True, user__is_active=True).select_related(
        "user"
    )
