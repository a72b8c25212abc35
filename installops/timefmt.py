"""How times read to people, in the company's zone: the one home of every clock format the app shows.

    clock_text(time(7))                    '7 am', '4:30 pm'    the office's wording, a time of day
    local_clock(moment)                    '8 am'               the same, for an instant
    local_span(start, end)                 'Tue Nov 24, 8 am – 4 pm'
    short_clock(moment)                    '8a', '12:30p'       a board block has little room
    local_clock_exact(moment)              '8:05 AM'            when something was done (a tap, a step)
    local_clock_for_customer(moment)       '8:00 a.m.'          customers' messages, like |time:"g:i a"
    arrival_window_text(start, end)        'between 8:00 a.m. and 10:00 a.m.', 'around 8:00 a.m.'

`local_*` take an instant and show it in the company's zone; `clock_text` and `short_clock` show the
wall-clock time they are given.
"""

from datetime import datetime, time
from functools import lru_cache

from django.utils import timezone
from django.utils.formats import time_format


def _clock(value: datetime | time) -> str:
    text = value.strftime("%-I:%M %p").lower()
    return text.replace(":00 ", " ")


def clock_text(value: time | datetime) -> str:
    """A wall-clock time of day: '7 am', '4:30 pm'."""
    return _clock(value)


def local_clock(value: datetime) -> str:
    """'8 am', '4:30 pm': an instant, in the company's zone."""
    return _clock(timezone.localtime(value))


def local_span(starts_at: datetime, ends_at: datetime) -> str:
    """'Tue Nov 24, 8 am – 4 pm', or 'Tue Nov 24 8 am – Thu Nov 26 5 pm' across days."""
    start = timezone.localtime(starts_at)
    end = timezone.localtime(ends_at)
    if start.date() == end.date():
        return f"{start:%a %b} {start.day}, {_clock(start)} – {_clock(end)}"
    return f"{start:%a %b} {start.day} {_clock(start)} – {end:%a %b} {end.day} {_clock(end)}"


@lru_cache(maxsize=1440)
def _short_label(hour: int, minute: int) -> str:
    suffix = "a" if hour < 12 else "p"
    shown = hour % 12 or 12
    return f"{shown}{suffix}" if minute == 0 else f"{shown}:{minute:02d}{suffix}"


def short_clock(value: datetime | time) -> str:
    """'8a', '12:30p': the wall-clock time given (the board passes company-time values, thousands of them)."""
    return _short_label(value.hour, value.minute)


def local_clock_exact(value: datetime) -> str:
    """'8:05 AM', '12:00 PM': when something was done, to the minute, in the company's zone."""
    return f"{timezone.localtime(value):%-I:%M %p}"


def local_clock_for_customer(value: datetime) -> str:
    """'8:00 a.m.': how messages to customers say a time, as the templates' |time:"g:i a" does."""
    return time_format(timezone.localtime(value), "g:i a")


def arrival_window_text(start: datetime | None, end: datetime | None) -> str:
    """The arrival window promised to a customer: 'between 8:00 a.m. and 10:00 a.m.', 'around 8:00 a.m.', or ''."""
    if not start:
        return ""
    if not end:
        return f"around {local_clock_for_customer(start)}"
    return f"between {local_clock_for_customer(start)} and {local_clock_for_customer(end)}"
