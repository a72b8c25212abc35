"""The evening page-out: every crew member working tomorrow gets their day, acknowledges it, and
the coordinators hear about those who did not."""

import logging
from datetime import date

from django.db import transaction
from django.utils import timezone

from installops.clock import company_tomorrow
from installops.errors import DomainError, full_clean_or_refuse
from people.models import Employee
from scheduling.models import Visit
from scheduling.selectors import visit_people

from .. import selectors
from ..choices import AcknowledgedVia, Channel, MessageKind, SkipReason
from ..models import CrewPage
from .queueing import SweepResult, message_build, messages_queue, messages_to_employee, sweep_result

logger = logging.getLogger(__name__)


def page_out_sweep(*, day: date | None = None) -> SweepResult:
    """Page every crew member working on `day` (default tomorrow) with their day; copy the salespeople.

    A member's page covers their whole day, so its key has no visit: a rebooked first call does
    not page them twice.
    """
    day = day or company_tomorrow()
    visits = list(selectors.visit_list_for_page_out(day=day))
    first_visit: dict[int, Visit] = {}
    people: dict[int, Employee] = {}
    crew_of: dict[int, int | None] = {}
    for visit in visits:
        for person in visit_people(visit):
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
            messages += messages_to_employee(
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
                message_build(
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
    result = sweep_result(day, messages, queued)
    logger.info("Page-out sweep %s", result)
    return result


def page_escalation_sweep(*, day: date | None = None) -> SweepResult:
    """Tell the coordinators which crew members have not acknowledged the page for `day` (default tomorrow)."""
    day = day or company_tomorrow()
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
            messages += messages_to_employee(coordinator, kind=MessageKind.PAGE_ESCALATION, day=day)
        queued = messages_queue(messages)
    result = sweep_result(day, messages, queued)
    logger.info("Page escalation sweep %s (%d unacknowledged)", result, len(waiting))
    return result


def crew_page_acknowledge(*, page: CrewPage, by=None, via: str = AcknowledgedVia.TAP) -> CrewPage:
    """The crew member tapped "got it" (or told the office by phone, recorded `by` a coordinator).

    A second acknowledgement changes nothing.
    """
    with transaction.atomic():
        page = CrewPage.objects.select_for_update().get(pk=page.pk)
        if page.acknowledged_at is None:
            page.acknowledged_at = timezone.now()
            page.acknowledged_via = via
            page.acknowledged_by = by if via == AcknowledgedVia.PHONE else None
            full_clean_or_refuse(page, validate_unique=False)
            page.save(update_fields=["acknowledged_at", "acknowledged_via", "acknowledged_by", "updated_at"])
    return page


def crew_page_send_again(*, page: CrewPage, by, seen_resends: int) -> list[int]:
    """Send a crew member their day again now, as the office clicked it.

    `seen_resends` is the count the office's page showed: a click sent twice (a double tap, a
    reloaded form) finds the count moved on and sends nothing more. Returns the queued messages.
    """
    with transaction.atomic():
        page = CrewPage.objects.select_for_update().select_related("employee__user").get(pk=page.pk)
        if page.resends != seen_resends:
            return []
        first = selectors.visit_list_for_employee_on(employee_id=page.employee_id, day=page.for_date).first()
        page.resends += 1
        page.save(update_fields=["resends", "updated_at"])
        # A day emptied by a change is sent as the update saying so; a first page about nothing is not.
        updated = page.messages.filter(kind=MessageKind.PAGE_UPDATE).exists()
        if first is None and not updated:
            raise DomainError(f"Nothing is booked for {page.employee} that day any more.")
        messages = messages_to_employee(
            page.employee,
            kind=MessageKind.PAGE_UPDATE if updated else MessageKind.PAGE_OUT,
            day=page.for_date,
            tag=f"resend{page.resends}",
            crew_page_id=page.pk,
            job_id=first.job_id if first else None,
        )
        logger.info("Page %s sent again by %s", page.pk, by)
        return messages_queue(messages)
