"""How visit times read to people: in the company's zone, the way an office says them."""

from datetime import datetime, time

from django.utils import timezone


def _clock(value: datetime | time) -> str:
    text = value.strftime("%-I:%M %p").lower()
    return text.replace(":00 ", " ")


def local_span(starts_at: datetime, ends_at: datetime) -> str:
    """'Tue Nov 24, 8 am – 4 pm', or 'Tue Nov 24 8 am – Thu Nov 26 5 pm' across days."""
    start = timezone.localtime(starts_at)
    end = timezone.localtime(ends_at)
    if start.date() == end.date():
        return f"{start:%a %b} {start.day}, {_clock(start)} – {_clock(end)}"
    return f"{start:%a %b} {start.day} {_clock(start)} – {end:%a %b} {end.day} {_clock(end)}"


def local_clock(value: datetime) -> str:
    return _clock(timezone.localtime(value))


def clock_text(value: time) -> str:
    """A wall-clock time of day: '7 am', '4:30 pm'."""
    return _clock(value)
