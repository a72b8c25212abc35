"""When crews and technicians work and when they are away: working weeks, time off, and the
warnings a booking outside them gets."""

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone

from installops.clock import at_company_time
from installops.timefmt import clock_text, local_clock, local_span
from people.models import Employee

from ..choices import Weekday
from ..models import Crew, TimeOff

# The company's normal week, for a crew that has no hours of its own: Monday–Friday, 7 am – 5 pm.
DEFAULT_WORKING_HOURS: dict[int, tuple[time, time]] = {day: (time(7), time(17)) for day in range(5)}


def crew_working_week(crew: Crew | None) -> dict[int, tuple[time, time]]:
    """weekday (0 = Monday) → (start, end) for the crew; its own hours if it has any."""
    if crew is None:
        return DEFAULT_WORKING_HOURS
    rows = list(crew.working_hours.all())
    if not rows:
        return DEFAULT_WORKING_HOURS
    return {row.weekday: (row.starts, row.ends) for row in rows}


def _outside_working_hours(name: str, week: dict, starts_at: datetime, ends_at: datetime) -> list[str]:
    start = timezone.localtime(starts_at)
    end = timezone.localtime(ends_at)
    # A visit ending exactly at midnight belongs to the day before.
    last_day = (end - timedelta(microseconds=1)).date()
    warnings = []
    day = start.date()
    while day <= last_day:
        if day.weekday() not in week:
            warnings.append(f"{name} does not work on {Weekday(day.weekday()).label}s ({day:%b} {day.day}).")
        day += timedelta(days=1)
    if start.date().weekday() in week:
        day_start, _ = week[start.date().weekday()]
        if start.time() < day_start:
            warnings.append(
                f"{name} starts at {clock_text(day_start)} "
                f"on {Weekday(start.weekday()).label}s; this visit starts at {local_clock(start)}."
            )
    if last_day.weekday() in week:
        _, day_end = week[last_day.weekday()]
        if end.date() == last_day and end.time() > day_end:
            warnings.append(
                f"{name} works until {clock_text(day_end)} "
                f"on {Weekday(last_day.weekday()).label}s; this visit ends at {local_clock(end)}."
            )
    return warnings


def time_off_overlapping(*, crew: Crew | None, technician: Employee | None, starts_at, ends_at):
    """Time off of the crew, its people, or the technician that overlaps the block."""
    who = Q()
    if crew is not None:
        who |= Q(crew=crew) | Q(employee__crews=crew) | Q(employee__crews_led=crew)
    if technician is not None:
        who |= Q(employee=technician)
    if not who:
        return TimeOff.objects.none()
    return (
        TimeOff.objects.filter(who, starts_at__lt=ends_at, ends_at__gt=starts_at)
        .select_related("crew", "employee__user")
        .distinct()
        .order_by("starts_at")
    )


def visit_availability_warnings(
    *, crew: Crew | None, technician: Employee | None, starts_at: datetime, ends_at: datetime
) -> list[str]:
    """Why a booking at that time is unusual: outside working hours or over time off. Empty if fine."""
    warnings = []
    if crew is not None:
        warnings += _outside_working_hours(str(crew), crew_working_week(crew), starts_at, ends_at)
    if technician is not None:
        warnings += _outside_working_hours(str(technician), DEFAULT_WORKING_HOURS, starts_at, ends_at)
    for time_off in time_off_overlapping(crew=crew, technician=technician, starts_at=starts_at, ends_at=ends_at):
        who = time_off.crew or time_off.employee
        reason = f" ({time_off.reason})" if time_off.reason else ""
        warnings.append(f"{who} is off {local_span(time_off.starts_at, time_off.ends_at)}{reason}.")
    return warnings


def visit_block_for_hours(*, crew: Crew | None, starts_at: datetime, hours: Decimal) -> datetime:
    """When a job of `hours` work started at `starts_at` ends: the rest of that working day, then
    whole working days, so a three-day install ends on the third day's afternoon."""
    week = crew_working_week(crew)
    remaining = timedelta(hours=float(hours))
    start = timezone.localtime(starts_at)
    day = start.date()
    cursor = start
    for _ in range(60):
        if day.weekday() in week:
            day_start, day_end = week[day.weekday()]
            begin = max(cursor, at_company_time(day, day_start))
            finish = at_company_time(day, day_end)
            if begin < finish:
                if finish - begin >= remaining:
                    return begin + remaining
                remaining -= finish - begin
        day += timedelta(days=1)
        cursor = at_company_time(day, time(0))
    return starts_at + timedelta(hours=float(hours))
