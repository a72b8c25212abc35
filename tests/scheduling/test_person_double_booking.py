"""A person is never in two places at once, whether booked alone or with their crew."""

from datetime import date

import pytest

from people.choices import EmployeeRole
from scheduling.services import VisitClashError, visit_book, visit_move
from tests.jobs.factories import JobFactory, UserFactory
from tests.scheduling.factories import CrewFactory, EmployeeFactory, local_dt

# Friday 27 November 2026, 10:00 at the office: the visits are booked into the week after.
pytestmark = [pytest.mark.django_db, pytest.mark.company_time("2026-11-27 10:00")]

WEDNESDAY = date(2026, 12, 2)


@pytest.fixture
def kyle():
    return EmployeeFactory(user=UserFactory(first_name="Kyle", last_name="Brandt"), role=EmployeeRole.TECH)


def test_a_tech_booked_with_their_crew_cannot_be_booked_alone_at_the_same_time(kyle):
    crew = CrewFactory(name="Crew Ortega", members=[kyle])
    visit_book(job=JobFactory(), crew=crew, starts_at=local_dt(WEDNESDAY, 8), ends_at=local_dt(WEDNESDAY, 16), by=None)

    with pytest.raises(VisitClashError, match="Kyle Brandt is already booked"):
        visit_book(
            job=JobFactory(),
            technician=kyle,
            starts_at=local_dt(WEDNESDAY, 13),
            ends_at=local_dt(WEDNESDAY, 15),
            by=None,
        )


def test_a_crew_cannot_be_booked_while_one_of_its_members_is_out_alone(kyle):
    crew = CrewFactory(name="Crew Ortega", members=[kyle])
    visit_book(
        job=JobFactory(), technician=kyle, starts_at=local_dt(WEDNESDAY, 9), ends_at=local_dt(WEDNESDAY, 11), by=None
    )

    with pytest.raises(VisitClashError, match="Kyle Brandt"):
        visit_book(
            job=JobFactory(), crew=crew, starts_at=local_dt(WEDNESDAY, 8), ends_at=local_dt(WEDNESDAY, 16), by=None
        )

    # Later the same day, after the service call, the crew is free.
    visit_book(job=JobFactory(), crew=crew, starts_at=local_dt(WEDNESDAY, 11), ends_at=local_dt(WEDNESDAY, 16), by=None)


def test_moving_a_solo_call_onto_the_crews_day_is_refused_too(kyle):
    crew = CrewFactory(members=[kyle])
    visit_book(job=JobFactory(), crew=crew, starts_at=local_dt(WEDNESDAY, 8), ends_at=local_dt(WEDNESDAY, 12), by=None)
    solo = visit_book(
        job=JobFactory(), technician=kyle, starts_at=local_dt(WEDNESDAY, 13), ends_at=local_dt(WEDNESDAY, 15), by=None
    )

    with pytest.raises(VisitClashError, match="Kyle Brandt"):
        visit_move(visit=solo, by=None, starts_at=local_dt(WEDNESDAY, 10))
