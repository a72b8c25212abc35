"""The span of days the company books, records and looks at: two years back to five years ahead.

Dates from a form, a link or a phone are held to it in one place (`installops.forms` for input,
`refuse_outside_window` for services), so a typo such as 9999-12-31 or 0001-01-01 is refused with a
message instead of reaching date arithmetic that overflows, or the database as a year Python cannot
read back. Any time in the window plus any visit length stays far from datetime's limits.
"""

from datetime import date, datetime, timedelta

from installops.clock import company_date, company_today
from installops.errors import DomainError

YEARS_BACK = 2
YEARS_AHEAD = 5


def _years_from(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=day.year + years, day=28)


def date_window() -> tuple[date, date]:
    """The first and last day the company accepts, counted from the company's today."""
    today = company_today()
    return _years_from(today, -YEARS_BACK), _years_from(today, YEARS_AHEAD)


def date_window_refusal(day: date) -> str | None:
    """Why `day` is refused, or None when it is inside the window."""
    first, last = date_window()
    if first <= day <= last:
        return None
    return f"Pick a day from {first:%b} {first.day}, {first.year} to {last:%b} {last.day}, {last.year}."


def moment_window_refusal(moment: datetime) -> str | None:
    """Why an aware datetime is refused (judged on its company day), or None."""
    # A moment near datetime's limits cannot even be moved into the company's zone.
    if moment.year <= 1 or moment.year >= 9999:
        return date_window_refusal(date.max if moment.year >= 9999 else date.min)
    return date_window_refusal(company_date(moment) if moment.tzinfo else moment.date())


def refuse_outside_window(moment: datetime | None, *, field: str, end: bool = False) -> None:
    """A service's check: a time outside the window is a DomainError on `field`.

    `end=True` for the end of a span, which may be the (exclusive) midnight after the window's last day.
    """
    if moment is None:
        return
    refusal = moment_window_refusal(moment - timedelta(microseconds=1) if end and moment.year > 1 else moment)
    if refusal:
        raise DomainError(refusal, field=field)
