"""Who will hear about a change to a visit, in words for the office (the board's toast after a move).

Scheduling does not send messages; an app that does registers, from its AppConfig.ready(), a function
naming the people it will tell: `audience(visit, before) -> list[str]`, `visit` as it is now and
`before` what it was. Each function must answer in a fixed number of queries.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from .models import Visit


@dataclass(frozen=True)
class VisitBefore:
    """A visit's day, people and status before a change (None when it was not booked before)."""

    starts_at: datetime | None
    crew_id: int | None
    technician_id: int | None
    status: str


ChangeAudience = Callable[[Visit, VisitBefore], list[str]]

CHANGE_AUDIENCES: dict[str, ChangeAudience] = {}


def register_change_audience(name: str, audience: ChangeAudience) -> None:
    """Name who `audience` will tell about a change (registering the same name again replaces it)."""
    CHANGE_AUDIENCES[name] = audience


def visit_before(visit: Visit) -> VisitBefore:
    """Take down a visit's day, people and status before changing it."""
    return VisitBefore(visit.starts_at, visit.crew_id, visit.technician_id, visit.status)


def change_audience_words(visit: Visit, *, before: VisitBefore) -> list[str]:
    return [words for audience in CHANGE_AUDIENCES.values() for words in audience(visit, before)]


def change_audience_sentence(visit: Visit, *, before: VisitBefore) -> str:
    """'Customer Ana Ruiz and crew Red (3 people) will be told.', or '' when nobody was told yet."""
    words = change_audience_words(visit, before=before)
    if not words:
        return ""
    listed = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
    return f"{listed[:1].upper()}{listed[1:]} will be told."
