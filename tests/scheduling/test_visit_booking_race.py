"""Two coordinators book the same crew at the same moment, each on their own database connection.

Two guards stop a double booking: the service locks the people a visit takes and looks for a visit in
the way, and PostgreSQL's exclusion constraints refuse an overlapping row whatever wrote it. These tests
reach each guard on purpose, and say which one refused.
"""

import threading
import time
from datetime import date

import pytest
from django.db import IntegrityError, connection, transaction

from scheduling.choices import VisitStatus
from scheduling.models import Crew, Visit
from scheduling.services import VisitClashError, visit_book
from tests.jobs.factories import JobFactory
from tests.scheduling.factories import CrewFactory, EmployeeFactory, VisitFactory, local_dt

# Friday 27 November 2026, 10:00 at the office: the visits are booked into the week after.
pytestmark = pytest.mark.company_time("2026-11-27 10:00")
WEDNESDAY = date(2026, 12, 2)
THURSDAY = date(2026, 12, 3)


def constraint_of(error: IntegrityError) -> str:
    return error.__cause__.diag.constraint_name


def wait_until_another_connection_waits_for_a_lock(timeout: float = 30) -> None:
    """Return once another connection to the test database is blocked on a lock: the second booking
    is then past its own checks and waits for the first coordinator's transaction."""
    deadline = time.monotonic() + timeout
    with connection.cursor() as cursor:
        while True:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                " AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0]:
                return
            assert time.monotonic() < deadline, "the second booking never waited for the first one"
            time.sleep(0.02)


def book_while_the_first_booking_is_uncommitted(coordinator, crew, jobs, day) -> dict[str, object]:
    """The first coordinator books 8–4 and keeps the transaction open until the second one's booking
    (12–6) is blocked behind it; then the first commits. Returns each side's outcome."""
    first_booked, release = threading.Event(), threading.Event()
    outcomes: dict[str, object] = {}

    def first() -> None:
        try:
            with transaction.atomic():
                outcomes["first"] = visit_book(
                    job=jobs[0], crew=crew, starts_at=local_dt(day, 8), ends_at=local_dt(day, 16), by=coordinator
                )
                first_booked.set()
                release.wait(timeout=60)
        except Exception as error:
            outcomes["first"] = error
        finally:
            first_booked.set()
            connection.close()  # this thread's own connection

    def second() -> None:
        try:
            outcomes["second"] = visit_book(
                job=jobs[1],
                crew=crew,
                starts_at=local_dt(day, 12),
                ends_at=local_dt(day, 18),
                by=coordinator,
                override_reason="Late finish agreed with the customer.",
            )
        except Exception as error:
            outcomes["second"] = error
        finally:
            connection.close()

    first_thread, second_thread = threading.Thread(target=first), threading.Thread(target=second)
    first_thread.start()
    try:
        first_booked.wait(timeout=30)
        second_thread.start()
        wait_until_another_connection_waits_for_a_lock()
    finally:
        release.set()
        first_thread.join(timeout=30)
        if second_thread.ident is not None:  # started
            second_thread.join(timeout=30)
    assert isinstance(outcomes["first"], Visit), outcomes
    return outcomes


@pytest.mark.django_db(transaction=True)
def test_two_coordinators_booking_the_same_crew_at_once_exactly_one_wins(coordinator):
    crew = CrewFactory(name="Crew Ortega")
    jobs = [JobFactory(), JobFactory()]
    start_line = threading.Barrier(2)
    outcomes: dict[int, object] = {}

    def book(index: int) -> None:
        try:
            start_line.wait(timeout=10)
            outcomes[index] = visit_book(
                job=jobs[index],
                crew=crew,
                starts_at=local_dt(WEDNESDAY, 8),
                ends_at=local_dt(WEDNESDAY, 16),
                by=coordinator,
            )
        except Exception as error:  # the assertion below says which one and why
            outcomes[index] = error
        finally:
            connection.close()  # this thread's own connection

    threads = [threading.Thread(target=book, args=(index,)) for index in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    winners = [o for o in outcomes.values() if isinstance(o, Visit)]
    losers = [o for o in outcomes.values() if isinstance(o, VisitClashError)]
    assert len(winners) == 1, outcomes
    assert len(losers) == 1, outcomes
    (winner,), (loser,) = winners, losers
    assert "Crew Ortega is already booked" in loser.message
    assert winner.job.number in loser.message
    assert winner.job.customer.name in loser.message
    assert Visit.objects.filter(crew=crew).count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_booking_uncommitted_elsewhere_makes_the_second_wait_for_the_crew_and_then_names_it(coordinator):
    """The crew's people are locked by the first booking: the second coordinator's booking waits for
    them, then finds the first visit committed and is refused before it writes anything."""
    crew = CrewFactory(name="Crew Ortega")
    jobs = [JobFactory(), JobFactory()]

    outcomes = book_while_the_first_booking_is_uncommitted(coordinator, crew, jobs, WEDNESDAY)

    refused = outcomes["second"]
    assert isinstance(refused, VisitClashError), outcomes
    assert refused.__context__ is None  # refused by the service's check: no insert reached the constraint
    assert refused.clashing_visit_id == outcomes["first"].pk
    assert "Crew Ortega is already booked" in refused.message
    assert jobs[0].number in refused.message
    assert list(Visit.objects.filter(crew=crew).values_list("job_id", flat=True)) == [jobs[0].pk]


@pytest.mark.django_db(transaction=True)
def test_a_booking_uncommitted_elsewhere_is_caught_by_the_database_when_nobody_can_be_locked(coordinator):
    """A crew with nobody on it yet gives the service no one to lock, and the second coordinator cannot
    see the first one's booking (not committed): only PostgreSQL's exclusion constraint can stop it.
    The insert waits for the first transaction, is then refused, and the message still names the visit
    in the way."""
    crew = Crew.objects.create(name="Crew Kim")  # no lead, no members: entered before its people
    jobs = [JobFactory(), JobFactory()]

    outcomes = book_while_the_first_booking_is_uncommitted(coordinator, crew, jobs, THURSDAY)

    refused = outcomes["second"]
    assert isinstance(refused, VisitClashError), outcomes
    assert isinstance(refused.__context__, IntegrityError)
    assert constraint_of(refused.__context__) == "visit_crew_not_double_booked"
    assert refused.clashing_visit_id == outcomes["first"].pk
    assert "Crew Kim is already booked" in refused.message
    assert jobs[0].number in refused.message
    assert jobs[0].customer.name in refused.message
    assert list(Visit.objects.filter(crew=crew).values_list("job_id", flat=True)) == [jobs[0].pk]


@pytest.mark.django_db
def test_the_database_refuses_overlapping_rows_whatever_wrote_them():
    """Rows written straight to the table, past every service check: the exclusion constraints alone."""
    crew = CrewFactory()
    tech = EmployeeFactory(role="tech")
    VisitFactory(crew=crew, starts_at=local_dt(WEDNESDAY, 8), ends_at=local_dt(WEDNESDAY, 16))
    VisitFactory(crew=None, technician=tech, starts_at=local_dt(WEDNESDAY, 9), ends_at=local_dt(WEDNESDAY, 11))

    with pytest.raises(IntegrityError) as crew_twice, transaction.atomic():
        VisitFactory(crew=crew, starts_at=local_dt(WEDNESDAY, 15), ends_at=local_dt(WEDNESDAY, 18))
    assert constraint_of(crew_twice.value) == "visit_crew_not_double_booked"
    with pytest.raises(IntegrityError) as tech_twice, transaction.atomic():
        VisitFactory(crew=None, technician=tech, starts_at=local_dt(WEDNESDAY, 10), ends_at=local_dt(WEDNESDAY, 12))
    assert constraint_of(tech_twice.value) == "visit_technician_not_double_booked"

    # Back to back is no overlap, and a cancelled visit holds no time.
    VisitFactory(crew=crew, starts_at=local_dt(WEDNESDAY, 16), ends_at=local_dt(WEDNESDAY, 18))
    VisitFactory(
        crew=crew, starts_at=local_dt(WEDNESDAY, 8), ends_at=local_dt(WEDNESDAY, 16), status=VisitStatus.CANCELLED
    )
    assert Visit.objects.filter(crew=crew).count() == 3
