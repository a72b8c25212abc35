"""Every read of crews and visits that a page or a service needs, with its joins decided once."""

from datetime import datetime, time, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from .choices import VisitStatus, Weekday
from .models import Crew, Employee, TimeOff, Visit
from .timefmt import clock_text, local_clock, local_span

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


def visit_list_visible_to(user) -> QuerySet[Visit]:
    """The visits this user may see at all: the office sees every one, field staff their own crew's.

    Every visit page and service call made for a user starts here, so another crew's visit is not
    found (404).
    """
    if not user.is_authenticated or not user.has_perm("scheduling.view_visit"):
        return Visit.objects.none()
    if user.has_perm("jobs.view_all_jobs"):
        return Visit.objects.all()
    own = Q(crew__members__user=user) | Q(crew__lead__user=user) | Q(technician__user=user)
    return Visit.objects.filter(pk__in=Visit.objects.filter(own).values("pk"))


# What field staff may set themselves, from their phones; the rest is the office's.
FIELD_SETTABLE_STATUSES = [VisitStatus.ON_MY_WAY, VisitStatus.ON_SITE, VisitStatus.COMPLETED]


def visit_statuses_settable_by(*, visit: Visit, user) -> list[str]:
    """The next dispatch statuses this user may set on this visit (empty when none)."""
    from .services import visit_allowed_next_statuses

    if not user.has_perm("scheduling.set_visit_dispatch_status", visit):
        return []
    allowed = visit_allowed_next_statuses(visit=visit)
    if not user.has_perm("jobs.view_all_jobs"):
        allowed = [status for status in allowed if status in FIELD_SETTABLE_STATUSES]
    elif not user.has_perm("scheduling.close_out", visit):
        allowed = [status for status in allowed if status != VisitStatus.CLOSED_OUT]
    return allowed
