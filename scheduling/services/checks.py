"""The checks every booking passes (a visit, a subcontractor, time off): who, when, which job."""

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from installops.date_window import refuse_outside_window
from installops.errors import DomainError
from jobs.choices import OPEN_STATUSES, JobStatus
from jobs.models import Job
from people.models import Employee

from ..models import Crew
from ..selectors.availability import visit_availability_warnings

# Job statuses in which a job can still get visits booked: open, and not on hold.
BOOKABLE_JOB_STATUSES = set(OPEN_STATUSES) - {JobStatus.ON_HOLD}


class BookingNeedsOverride(DomainError):
    """The booking falls outside working hours or over time off: allowed only with a reason."""

    def __init__(self, warnings: list[str]):
        super().__init__(
            " ".join(warnings) + " Give a reason to book it anyway.",
            field="override_reason",
        )
        self.warnings = warnings


@dataclass(frozen=True)
class Assignment:
    """Who a visit books: a crew, a technician, or both."""

    crew: Crew | None
    technician: Employee | None


def check_assignment(assignment: Assignment) -> None:
    if assignment.crew is None and assignment.technician is None:
        raise DomainError("Pick a crew or a technician.", field="crew")
    if assignment.crew is not None and not assignment.crew.active:
        raise DomainError(f"{assignment.crew} is no longer an active crew.", field="crew")
    if assignment.technician is not None and not assignment.technician.active:
        raise DomainError(f"{assignment.technician} is no longer active.", field="technician")


def check_times(starts_at: datetime, ends_at: datetime, window_start, window_end) -> None:
    for value, field in ((starts_at, "starts_at"), (ends_at, "ends_at")):
        if value is None:
            raise DomainError("Enter a start and an end.", field=field)
        if timezone.is_naive(value):
            raise DomainError("Times must carry their time zone.", field=field)
    # Before any arithmetic on them: a year such as 9999 would overflow, or be stored unreadable.
    refuse_outside_window(starts_at, field="starts_at")
    refuse_outside_window(ends_at, field="ends_at", end=True)
    refuse_outside_window(window_start, field="arrival_window_start")
    refuse_outside_window(window_end, field="arrival_window_end", end=True)
    if ends_at <= starts_at:
        raise DomainError("The visit must end after it starts.", field="ends_at")
    if (window_start is None) != (window_end is None):
        raise DomainError("Give both ends of the arrival window, or neither.", field="arrival_window_start")
    if window_start is not None:
        if window_end <= window_start:
            raise DomainError("The arrival window must end after it starts.", field="arrival_window_end")
        if window_start < starts_at or window_end > ends_at:
            raise DomainError(
                "The arrival window promised to the customer must fall within the crew's block.",
                field="arrival_window_start",
            )


def check_job_bookable(job: Job) -> None:
    """Call with the job's row locked (select_for_update), so a status move cannot slip in between."""
    if job.status not in BOOKABLE_JOB_STATUSES:
        raise DomainError(
            f"{job.number} is {job.get_status_display().lower()}: it cannot get a visit booked.", field="job"
        )


def check_availability(*, assignment: Assignment, starts_at, ends_at, override_reason: str) -> list[str]:
    warnings = visit_availability_warnings(
        crew=assignment.crew, technician=assignment.technician, starts_at=starts_at, ends_at=ends_at
    )
    if warnings and not override_reason.strip():
        raise BookingNeedsOverride(warnings)
    return warnings
