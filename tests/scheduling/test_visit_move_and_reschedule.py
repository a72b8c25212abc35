from datetime import date

import pytest

from installops.errors import DomainError
from jobs.choices import JobStatus
from scheduling.choices import VisitStatus
from scheduling.models import Visit, VisitStatusChange
from scheduling.services import VisitClashError, visit_book, visit_move, visit_reschedule, visit_set_dispatch_status
from tests.jobs.factories import JobFactory
from tests.lifecycle_facts import issue_permit
from tests.scheduling.factories import CrewFactory, local_dt

# Friday 27 November 2026, 10:00 at the office: the visits are booked into the week after.
pytestmark = [pytest.mark.django_db, pytest.mark.company_time("2026-11-27 10:00")]
TUESDAY = date(2026, 12, 1)
WEDNESDAY = date(2026, 12, 2)


@pytest.fixture
def visit(coordinator):
    return visit_book(
        job=JobFactory(),
        crew=CrewFactory(name="Crew Ortega"),
        starts_at=local_dt(TUESDAY, 8),
        ends_at=local_dt(TUESDAY, 12),
        arrival_window_start=local_dt(TUESDAY, 8),
        arrival_window_end=local_dt(TUESDAY, 10),
        by=coordinator,
    )


def test_moving_to_another_time_keeps_the_length_and_shifts_the_arrival_window(coordinator, visit):
    moved = visit_move(visit=visit, starts_at=local_dt(WEDNESDAY, 9), by=coordinator)
    moved.refresh_from_db()
    assert (moved.starts_at, moved.ends_at) == (local_dt(WEDNESDAY, 9), local_dt(WEDNESDAY, 13))
    assert (moved.arrival_window_start, moved.arrival_window_end) == (local_dt(WEDNESDAY, 9), local_dt(WEDNESDAY, 11))
    assert moved.history.first().history_user == coordinator


def test_moving_onto_a_busy_crew_is_refused_and_nothing_moves(coordinator, visit):
    busy = CrewFactory(name="Crew Nguyen")
    other = visit_book(
        job=JobFactory(), crew=busy, starts_at=local_dt(TUESDAY, 10), ends_at=local_dt(TUESDAY, 15), by=coordinator
    )
    with pytest.raises(VisitClashError, match=f"Crew Nguyen is already booked .* on {other.job.number}"):
        visit_move(visit=visit, crew=busy, by=coordinator)
    visit.refresh_from_db()
    assert visit.crew.name == "Crew Ortega"


def test_a_confirmed_visit_moved_in_time_must_be_confirmed_again(coordinator, visit):
    visit = visit_set_dispatch_status(visit=visit, to_status=VisitStatus.CONFIRMED, by=coordinator)
    moved = visit_move(visit=visit, crew=CrewFactory(), by=coordinator)
    assert moved.status == VisitStatus.CONFIRMED  # same time, other crew: the customer's promise holds

    moved = visit_move(visit=moved, starts_at=local_dt(WEDNESDAY, 8), by=coordinator)
    assert (moved.status, moved.confirmed_at) == (VisitStatus.SCHEDULED, None)
    last = VisitStatusChange.objects.filter(visit=visit).last()
    assert (last.from_status, last.to_status) == (VisitStatus.CONFIRMED, VisitStatus.SCHEDULED)
    assert "confirmed again" in last.reason


def test_a_visit_under_way_cannot_be_moved(coordinator, visit):
    issue_permit(visit.job)
    visit_set_dispatch_status(visit=visit, to_status=VisitStatus.ON_MY_WAY, by=coordinator)
    with pytest.raises(DomainError, match="can no longer be moved"):
        visit_move(visit=visit, starts_at=local_dt(WEDNESDAY, 8), by=coordinator)


def test_rescheduling_keeps_the_old_visit_with_its_reason_and_books_the_new_one(coordinator, visit):
    new = visit_reschedule(visit=visit, starts_at=local_dt(WEDNESDAY, 8), reason="Customer sick.", by=coordinator)

    old = Visit.objects.get(pk=visit.pk)
    assert (old.status, old.status_reason) == (VisitStatus.RESCHEDULED, "Customer sick.")
    assert new.rescheduled_from == old
    assert (new.starts_at, new.ends_at, new.crew) == (local_dt(WEDNESDAY, 8), local_dt(WEDNESDAY, 12), old.crew)
    assert new.arrival_window_end == local_dt(WEDNESDAY, 10)
    job = new.job
    job.refresh_from_db()
    assert job.status == JobStatus.SCHEDULED
    assert not job.status_changes.filter(to_status=JobStatus.SOLD).exclude(from_status="").exists()


def test_a_refused_reschedule_leaves_the_old_visit_booked(coordinator, visit):
    visit_book(
        job=JobFactory(),
        crew=visit.crew,
        starts_at=local_dt(WEDNESDAY, 8),
        ends_at=local_dt(WEDNESDAY, 16),
        by=coordinator,
    )
    with pytest.raises(VisitClashError):
        visit_reschedule(visit=visit, starts_at=local_dt(WEDNESDAY, 9), reason="Customer sick.", by=coordinator)
    visit.refresh_from_db()
    assert visit.status == VisitStatus.SCHEDULED
