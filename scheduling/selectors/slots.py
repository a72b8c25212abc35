"""The next free slots for a job: crews with the skills it needs and room in their working hours."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Q
from django.utils import timezone

from installops.clock import at_company_time, company_tomorrow
from jobs.models import Job

from ..choices import RELEASED_VISIT_STATUSES
from ..models import Crew, TimeOff, Visit
from .availability import crew_working_week, visit_block_for_hours
from .estimates import booking_estimate_for_job


@dataclass(frozen=True)
class SlotSuggestion:
    crew: Crew
    starts_at: datetime
    ends_at: datetime


def crew_list_able_to_do(job: Job) -> list[Crew]:
    """Active crews that have every skill the job needs."""
    estimate = booking_estimate_for_job(job)
    crews = Crew.objects.filter(active=True)
    for skill in estimate.skills:
        crews = crews.filter(skills=skill)
    return list(crews.distinct().prefetch_related("working_hours").order_by("name"))


def visit_suggest_slots(
    *, job: Job, count: int = 5, first_day: date | None = None, horizon_days: int = 21
) -> list[SlotSuggestion]:
    """The next free slots for the job: crews with the right skills and room in their working
    hours (no visit, no time off in the way), earliest first. A constant number of queries."""
    estimate = booking_estimate_for_job(job)
    crews = crew_list_able_to_do(job)
    if not crews:
        return []
    first_day = first_day or company_tomorrow()
    window_start = at_company_time(first_day, time(0))
    window_end = window_start + timedelta(days=horizon_days + 14)
    crew_ids = [crew.pk for crew in crews]
    busy: dict[int, list[tuple[datetime, datetime]]] = {crew.pk: [] for crew in crews}
    visits = (
        Visit.objects.filter(crew_id__in=crew_ids, starts_at__lt=window_end, ends_at__gt=window_start)
        .exclude(status__in=RELEASED_VISIT_STATUSES)
        .values_list("crew_id", "starts_at", "ends_at")
    )
    for crew_id, start, end in visits:
        busy[crew_id].append((start, end))
    time_off = TimeOff.objects.filter(
        Q(crew_id__in=crew_ids) | Q(employee__crews__in=crew_ids) | Q(employee__crews_led__in=crew_ids),
        starts_at__lt=window_end,
        ends_at__gt=window_start,
    ).values_list("crew_id", "employee__crews", "employee__crews_led", "starts_at", "ends_at")
    for crew_id, member_of, leads, start, end in time_off:
        for owner in {crew_id, member_of, leads} & set(busy):
            busy[owner].append((start, end))

    suggestions: list[SlotSuggestion] = []
    for offset in range(horizon_days):
        day = first_day + timedelta(days=offset)
        for crew in crews:
            week = crew_working_week(crew)  # from the prefetched working hours
            if day.weekday() not in week:
                continue
            slot = _first_free_start(crew, day, week, estimate.hours, busy[crew.pk])
            if slot:
                suggestions.append(SlotSuggestion(crew=crew, starts_at=slot[0], ends_at=slot[1]))
        if len(suggestions) >= count:
            break
    suggestions.sort(key=lambda s: (s.starts_at, s.crew.name))
    return suggestions[:count]


def _first_free_start(crew, day, week, hours, busy):
    day_start, day_end = week[day.weekday()]
    candidate = at_company_time(day, day_start)
    day_close = at_company_time(day, day_end)
    step = timedelta(minutes=30)
    while candidate < day_close:
        end = visit_block_for_hours(crew=crew, starts_at=candidate, hours=hours)
        clash = next((b for b in busy if b[0] < end and b[1] > candidate), None)
        if clash is None:
            return candidate, end
        # Jump past the clash, on the half hour.
        candidate = max(candidate + step, timezone.localtime(clash[1]))
        minutes = candidate.minute % 30
        if minutes or candidate.second:
            candidate = candidate.replace(second=0, microsecond=0) + timedelta(minutes=30 - minutes)
    return None
