"""Two coordinators book the same crew at the same moment, each on their own database connection."""

import threading
import time

import pytest
from django.db import connection, transaction

from scheduling.models import Visit
from scheduling.services import VisitClashError, visit_book
from tests.jobs.factories import JobFactory
from tests.scheduling.factories import CrewFactory, local_dt, next_weekday


@pytest.mark.django_db(transaction=True)
def test_two_coordinators_booking_the_same_crew_at_once_exactly_one_wins(coordinator):
    crew = CrewFactory(name="Crew Ortega")
    jobs = [JobFactory(), JobFactory()]
    day = next_weekday(2)
    start_line = threading.Barrier(2)
    outcomes: dict[int, object] = {}

    def book(index: int) -> None:
        try:
            start_line.wait(timeout=10)
            outcomes[index] = visit_book(
                job=jobs[index], crew=crew, starts_at=local_dt(day, 8), ends_at=local_dt(day, 16), by=coordinator
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
    assert len(winners) == 1 and len(losers) == 1, outcomes
    (winner,), (loser,) = winners, losers
    assert "Crew Ortega is already booked" in loser.message
    assert winner.job.number in loser.message and winner.job.customer.name in loser.message
    assert Visit.objects.filter(crew=crew).count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_booking_still_uncommitted_elsewhere_is_caught_by_the_database(coordinator):
    """The second coordinator cannot see the first one's booking yet (it is not committed), so only
    PostgreSQL's exclusion constraint can stop it: the insert waits for the first transaction and is
    then refused, and the message still names the visit in the way."""
    crew = CrewFactory(name="Crew Kim")
    jobs = [JobFactory(), JobFactory()]
    day = next_weekday(3)
    first_booked = threading.Event()
    outcomes: dict[str, object] = {}

    def first() -> None:
        try:
            with transaction.atomic():
                outcomes["first"] = visit_book(
                    job=jobs[0], crew=crew, starts_at=local_dt(day, 8), ends_at=local_dt(day, 16), by=coordinator
                )
                first_booked.set()
                time.sleep(0.5)  # still open while the second coordinator saves
        finally:
            first_booked.set()
            connection.close()

    def second() -> None:
        try:
            first_booked.wait(timeout=10)
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

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert isinstance(outcomes["first"], Visit)
    assert isinstance(outcomes["second"], VisitClashError), outcomes
    assert outcomes["second"].clashing_visit_id == outcomes["first"].pk
    assert jobs[0].number in outcomes["second"].message
    assert list(Visit.objects.filter(crew=crew).values_list("job_id", flat=True)) == [jobs[0].pk]
