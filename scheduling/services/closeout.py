"""Closing out a visit: the times, the checklist, the hours worked and who led the work, then closed.

What must be true before a visit is closed out is the list of checks in scheduling/closeout.py.
"""

from datetime import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from installops.errors import DomainError, full_clean_or_refuse
from installops.history import history_note
from jobs.services import job_update
from people.models import Employee

from ..choices import RELEASED_VISIT_STATUSES, VisitStatus
from ..closeout import visit_closeout_missing
from ..models import CloseoutItem, Timecard, Visit, VisitChecklistTick
from .dispatch import CLOCK_SLACK, visit_status_apply
from .locks import visit_lock


def visit_record_closeout(
    *,
    visit: Visit,
    by,
    on_site_at: datetime | None,
    completed_at: datetime | None,
    ticked_item_ids: list[int],
    hours_by_employee: dict[Employee, Decimal],
    actual_lead: Employee | None,
    close: bool,
) -> tuple[Visit, list[str]]:
    """Save what the close-out page entered, then close the visit out if asked and nothing is missing.

    Returns the visit and what is still missing. The entries are kept even when closing is refused,
    so the office fills in the rest later without typing anything twice. The job's primary tech
    becomes the employee who actually led the work.
    """
    now = timezone.now()
    for value, field in ((on_site_at, "on_site_at"), (completed_at, "completed_at")):
        if value is not None and value > now + CLOCK_SLACK:
            raise DomainError("That time is in the future.", field=field)
    if on_site_at and completed_at and completed_at <= on_site_at:
        raise DomainError("Completed must be after on site.", field="completed_at")
    with transaction.atomic():
        visit = visit_lock(visit.pk)
        if visit.status in (VisitStatus.CLOSED_OUT, *RELEASED_VISIT_STATUSES):
            raise DomainError(f"A visit that is {visit.get_status_display().lower()} cannot be closed out.")
        if visit.status != VisitStatus.COMPLETED:
            if completed_at is None:
                raise DomainError("Enter when the work was completed.", field="completed_at")
            visit = visit_status_apply(
                visit=visit, to_status=VisitStatus.COMPLETED, by=by, at=completed_at, reason="", release_job=False
            )
        changed = []
        for field, value in (("on_site_at", on_site_at), ("completed_at", completed_at)):
            if value is not None and getattr(visit, field) != value:
                setattr(visit, field, value)
                changed.append(field)
        if actual_lead is not None and visit.actual_lead_id != actual_lead.pk:
            visit.actual_lead = actual_lead
            changed.append("actual_lead")
        if changed:
            history_note(visit, by=by, reason="Close-out entries")
            visit.save()
        _save_checklist(visit=visit, ticked_item_ids=ticked_item_ids, by=by, at=now)
        _save_timecards(visit=visit, hours_by_employee=hours_by_employee, by=by)
        if actual_lead is not None and visit.job.primary_tech_id != actual_lead.user_id:
            visit.job = job_update(job=visit.job, by=by, primary_tech=actual_lead.user)
        missing = visit_closeout_missing(visit=visit)
        if close and not missing:
            visit = visit_status_apply(
                visit=visit, to_status=VisitStatus.CLOSED_OUT, by=by, at=None, reason="", release_job=False
            )
    return visit, missing


def _save_checklist(*, visit: Visit, ticked_item_ids: list[int], by, at) -> None:
    valid = set(CloseoutItem.objects.filter(kind=visit.job.kind, active=True).values_list("pk", flat=True))
    wanted = set(ticked_item_ids) & valid
    existing = set(visit.checklist_ticks.values_list("item_id", flat=True))
    for tick in visit.checklist_ticks.filter(item_id__in=existing - wanted):
        tick.delete()
    for item_id in wanted - existing:
        VisitChecklistTick.objects.create(visit=visit, item_id=item_id, ticked_by=by, ticked_at=at)


def _save_timecards(*, visit: Visit, hours_by_employee: dict[Employee, Decimal], by) -> None:
    current = {card.employee_id: card for card in visit.timecards.all()}
    for employee, hours in hours_by_employee.items():
        card = current.pop(employee.pk, None)
        if not hours:
            if card:
                history_note(card, by=by)
                card.delete()
            continue
        if card is None:
            card = Timecard(visit=visit, employee=employee, entered_by=by)
        elif card.hours == hours:
            continue
        card.hours = hours
        full_clean_or_refuse(card)
        history_note(card, by=by)
        card.save()
