"""A visit changed after people were told about it: the customer hears the new time (or that it is off)
and every crew member told of an affected day gets that day again, to acknowledge again.

"Told" means a confirmation (or an earlier change) went to the customer for the old day, or the crew
member has a CrewPage for that day, both from before the change. Nobody told yet hears nothing: the
evening sweeps (or the catch-up) tell them the day as it is.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from installops.clock import company_date
from scheduling.choices import RELEASED_VISIT_STATUSES
from scheduling.models import Crew, Visit
from scheduling.notices import VisitBefore

from ..choices import CUSTOMER_TOLD_KINDS, TOLD_STATUSES, MessageKind, MessageStatus, VisitChangeKind
from ..models import CrewPage, Message, VisitChange
from .catch_up import visit_messages_catch_up
from .queueing import messages_enqueue, messages_queue, messages_to_customer, messages_to_employee

# The kinds a change sends (the kind leads the index the lookup of a change's messages uses).
CHANGE_KINDS = [MessageKind.VISIT_CHANGE, MessageKind.PAGE_UPDATE]


@dataclass(frozen=True)
class Slot:
    """A visit's day and who works it."""

    day: date
    crew_id: int | None
    technician_id: int | None

    def people_q(self) -> Q:
        """The pages of this day for the crew's lead and members and the technician (over CrewPage)."""
        people = Q(pk__in=[])
        if self.crew_id:
            people |= Q(employee__crews=self.crew_id) | Q(employee__crews_led=self.crew_id)
        if self.technician_id:
            people |= Q(employee_id=self.technician_id)
        return Q(for_date=self.day) & people


@dataclass
class Audience:
    customer_told: bool
    pages: list[CrewPage]


def _slot_of(visit: Visit) -> Slot | None:
    return Slot(company_date(visit.starts_at), visit.crew_id, visit.technician_id) if visit.holds_time else None


def change_audience(*, visit: Visit, old: Slot | None, new: Slot | None, before: datetime) -> Audience:
    """Who had been told, before `before`, about the days the change touches. Two queries.

    The customer counts as told when a confirmation or change message for the old day went out about
    this visit (or the one it replaces); for a new booking, about any visit of theirs that day.
    """
    told = Message.objects.filter(kind__in=CUSTOMER_TOLD_KINDS, status__in=TOLD_STATUSES, created_at__lte=before)
    if old is not None:
        visit_ids = [pk for pk in (visit.pk, visit.rescheduled_from_id) if pk]
        customer_told = told.filter(visit_id__in=visit_ids, for_date=old.day).exists()
    elif new is not None:
        customer_told = told.filter(job__customer_id=visit.job.customer_id, for_date=new.day).exists()
    else:
        customer_told = False
    slots = Q(pk__in=[])
    for slot in (old, new):
        if slot is not None:
            slots |= slot.people_q()
    pages = list(
        CrewPage.objects.filter(slots, created_at__lte=before)
        .select_related("employee__user", "crew")
        .distinct()
        .order_by("for_date", "crew__name", "id")
    )
    return Audience(customer_told=customer_told, pages=pages)


def _slots(visit: Visit, kind: str, old_starts_at, old_crew_id, old_technician_id) -> tuple[Slot | None, Slot | None]:
    """The day and people before the change (none for a plain booking), and after (none once called off)."""
    old = Slot(company_date(old_starts_at), old_crew_id, old_technician_id) if old_starts_at else None
    return old, None if kind == VisitChangeKind.RELEASED else _slot_of(visit)


def visit_change_notify(
    *,
    visit_id: int,
    change_id: str,
    kind: str,
    changed_at: datetime,
    old_starts_at: datetime | None = None,
    old_crew_id: int | None = None,
    old_technician_id: int | None = None,
) -> VisitChange | None:
    """Tell the people already told about a visit's day that it changed; then the usual catch-up.

    `change_id` names the change: run again for it, nothing more is sent (still-queued messages are
    handed to the workers again). A reschedule is told once, by its replacement's booking.
    """
    visit = Visit.objects.select_related("job__customer", "rescheduled_from").filter(pk=visit_id).first()
    if visit is None:
        return None
    if kind == VisitChangeKind.RELEASED and visit.rescheduled_to.exists():
        return None  # the replacement's booking tells everyone, old day and new
    # What it was before: the visit a replacement replaces, or a called-off visit as it stands.
    was = {VisitChangeKind.BOOKED: visit.rescheduled_from, VisitChangeKind.RELEASED: visit}.get(VisitChangeKind(kind))
    if was is not None:
        old_starts_at, old_crew_id, old_technician_id = was.starts_at, was.crew_id, was.technician_id
    with transaction.atomic():
        change, created = VisitChange.objects.get_or_create(
            change_key=change_id,
            defaults={
                "visit": visit,
                "kind": kind,
                "changed_at": changed_at,
                "old_starts_at": old_starts_at,
                "old_crew_id": old_crew_id,
                "old_technician_id": old_technician_id,
            },
        )
        if created:
            _tell(change, visit, old_starts_at, old_crew_id, old_technician_id)
        else:
            pending = list(
                Message.objects.filter(kind__in=CHANGE_KINDS, change=change, status=MessageStatus.PENDING).values_list(
                    "pk", flat=True
                )
            )
            if pending:
                transaction.on_commit(lambda: messages_enqueue(message_ids=pending))
    if kind != VisitChangeKind.RELEASED:
        # The customer who just got the new time and a confirmation link needs no second confirmation.
        visit_messages_catch_up(visit_id=visit.pk, confirm=not change.customer_told)
    return change


def _tell(change: VisitChange, visit: Visit, old_starts_at, old_crew_id, old_technician_id) -> None:
    old, new = _slots(visit, change.kind, old_starts_at, old_crew_id, old_technician_id)
    audience = change_audience(visit=visit, old=old, new=new, before=change.changed_at)
    # A crew or technician handed over at the same time tells the customer nothing new.
    time_changed = change.kind != VisitChangeKind.MOVED or old_starts_at != visit.starts_at
    messages: list[Message] = []
    tag = f"change{change.pk}"
    told_of = new or old  # the customer hears of the new day, or of the old one called off
    if audience.customer_told and time_changed and told_of is not None:
        day = told_of.day
        context = {"was": old_starts_at.isoformat()} if old_starts_at else {}
        messages += messages_to_customer(
            visit, kind=MessageKind.VISIT_CHANGE, day=day, tag=tag, change_id=change.pk, context=context
        )
        change.customer_told = True
    for page in audience.pages:
        messages += messages_to_employee(
            page.employee,
            kind=MessageKind.PAGE_UPDATE,
            day=page.for_date,
            tag=tag,
            crew_page_id=page.pk,
            job_id=visit.job_id,
            change_id=change.pk,
        )
    if audience.pages:
        # Their day is not what they acknowledged: they acknowledge the update again.
        CrewPage.objects.filter(pk__in=[page.pk for page in audience.pages]).update(
            acknowledged_at=None, acknowledged_via="", acknowledged_by=None, updated_at=timezone.now()
        )
    change.pages_updated = len(audience.pages)
    change.save(update_fields=["customer_told", "pages_updated"])
    messages_queue(messages)


# ---------------------------------------------------------------- the board's toast


def change_audience_words(visit: Visit, before: VisitBefore) -> list[str]:
    """Who a change just made will be told: ['customer Ana Ruiz', 'crew Red (3 people)']. Three queries at most."""
    old = None
    if before.starts_at is not None and before.status not in RELEASED_VISIT_STATUSES:
        old = Slot(company_date(before.starts_at), before.crew_id, before.technician_id)
    new = _slot_of(visit)
    audience = change_audience(visit=visit, old=old, new=new, before=timezone.now())
    words = []
    time_changed = old is None or new is None or before.starts_at != visit.starts_at
    if audience.customer_told and time_changed:
        words.append(f"customer {visit.job.customer.name}")
    crews: dict[Crew, set[int]] = {}
    for page in audience.pages:
        if page.crew is not None:
            crews.setdefault(page.crew, set()).add(page.employee_id)
    # The crew it was taken from first, then the one it went to.
    for crew, people in sorted(crews.items(), key=lambda item: (item[0].pk != before.crew_id, item[0].name)):
        words.append(f"crew {crew.name} ({len(people)} {'person' if len(people) == 1 else 'people'})")
    # Someone paged on their own (a technician without a crew) is named, once.
    on_their_own = {page.employee_id: str(page.employee) for page in audience.pages if page.crew is None}
    return words + list(on_their_own.values())
