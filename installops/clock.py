"""The company's clock: what "now", "today" and "tomorrow" mean, and a company time on a day.

The company works in one time zone, settings.TIME_ZONE, which is Django's current time zone (no
request activates another one). Everything here reads the time through Django's timezone helpers,
so a clock pinned in a test is the clock every app sees. Apps, tasks, the demo and the benchmarks
ask this module; none of them builds its own "today".
"""

from datetime import date, datetime, time, timedelta, tzinfo

from django.utils import timezone


def company_zone() -> tzinfo:
    """The company's time zone (settings.TIME_ZONE)."""
    return timezone.get_current_timezone()


def company_now() -> datetime:
    """Now, in the company's zone."""
    return timezone.localtime(timezone.now(), company_zone())


def company_today() -> date:
    return company_now().date()


def company_tomorrow() -> date:
    return company_today() + timedelta(days=1)


def company_date(moment: datetime) -> date:
    """The company's calendar day of an instant (a visit's start, a message's send time)."""
    return timezone.localtime(moment, company_zone()).date()


def at_company_time(day: date, clock: str | time) -> datetime:
    """That day at a wall-clock time in the company's zone: at_company_time(day, "07:30")."""
    if isinstance(clock, str):
        hour, minute = (int(part) for part in clock.split(":"))
        clock = time(hour, minute)
    return datetime.combine(day, clock, tzinfo=company_zone())


def company_day_bounds(day: date) -> tuple[datetime, datetime]:
    """Start and end of a calendar day in the company's zone (23 or 25 hours long on DST days)."""
    return at_company_time(day, time.min), at_company_time(day + timedelta(days=1), time.min)
