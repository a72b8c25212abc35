"""Time off: a crew or one employee away (vacation, training, truck in the shop)."""

from django.db import transaction

from installops.errors import DomainError, full_clean_or_refuse
from installops.history import history_note
from people.models import Employee

from ..models import Crew, TimeOff
from .checks import check_times


def time_off_create(*, crew: Crew | None = None, employee: Employee | None = None, starts_at, ends_at, reason="", by):
    """Record that a crew or an employee is away; bookings over it then warn."""
    if (crew is None) == (employee is None):
        raise DomainError("Pick a crew or an employee.", field="crew")
    check_times(starts_at, ends_at, None, None)
    time_off = TimeOff(crew=crew, employee=employee, starts_at=starts_at, ends_at=ends_at, reason=reason)
    full_clean_or_refuse(time_off)
    with transaction.atomic():  # the row and its history row
        history_note(time_off, by=by)
        time_off.save()
    return time_off
