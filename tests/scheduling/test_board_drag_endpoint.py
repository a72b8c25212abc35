"""Dropping a block on the board: the server re-validates and answers why when it refuses."""

from datetime import date

import pytest
from django.urls import reverse

from scheduling.choices import VisitStatus
from scheduling.models import Visit
from tests.scheduling.factories import CrewFactory, EmployeeFactory, VisitFactory, local_dt, next_weekday

# Friday 27 November 2026, 10:00 at the office: the visits are booked into the week after.
pytestmark = [pytest.mark.django_db, pytest.mark.company_time("2026-11-27 10:00")]
TUESDAY = date(2026, 12, 1)
WEDNESDAY = date(2026, 12, 2)


def drop(client, visit, **data):
    return client.post(reverse("scheduling:visit_move", args=[visit.pk]), data)


@pytest.fixture
def visit():
    return VisitFactory(crew=CrewFactory(name="Crew A"), starts_at=local_dt(TUESDAY, 8), ends_at=local_dt(TUESDAY, 12))


def test_a_drop_on_another_crew_and_day_is_saved(client_as, coordinator, visit):
    crew_b = CrewFactory(name="Crew B")
    response = drop(client_as(coordinator), visit, row=f"crew-{crew_b.pk}", day=WEDNESDAY.isoformat())
    assert response.status_code == 200
    assert response.json()["ok"]
    visit.refresh_from_db()
    assert (visit.crew, visit.starts_at, visit.ends_at) == (crew_b, local_dt(WEDNESDAY, 8), local_dt(WEDNESDAY, 12))


def test_a_drop_on_an_hour_in_the_day_view_sets_the_hour(client_as, coordinator, visit):
    response = drop(client_as(coordinator), visit, row=f"crew-{visit.crew_id}", day=TUESDAY.isoformat(), hour="10")
    assert response.json()["ok"]
    visit.refresh_from_db()
    assert visit.starts_at == local_dt(TUESDAY, 10)


def test_a_drop_on_a_technician_row_books_the_technician(client_as, coordinator, visit):
    tech = EmployeeFactory(role="tech")
    assert drop(client_as(coordinator), visit, row=f"tech-{tech.pk}", day=TUESDAY.isoformat()).json()["ok"]
    visit.refresh_from_db()
    assert (visit.crew, visit.technician) == (None, tech)


def test_a_drop_onto_a_busy_crew_is_refused_with_the_clash_named(client_as, coordinator, visit):
    busy = VisitFactory(crew=CrewFactory(name="Crew B"), starts_at=local_dt(TUESDAY, 9), job__customer__name="Ann Lee")
    response = drop(client_as(coordinator), visit, row=f"crew-{busy.crew_id}", day=TUESDAY.isoformat())
    assert response.status_code == 409
    body = response.json()
    assert not body["ok"]
    assert "Crew B is already booked" in body["message"]
    assert "Ann Lee" in body["message"]
    visit.refresh_from_db()
    assert visit.crew.name == "Crew A"


def test_a_drop_outside_working_hours_asks_for_a_reason_then_takes_it(client_as, coordinator, visit):
    client = client_as(coordinator)
    saturday = next_weekday(5)
    response = drop(client, visit, row=f"crew-{visit.crew_id}", day=saturday.isoformat())
    assert response.status_code == 409
    assert response.json()["needs_override"]
    assert "does not work on Saturdays" in response.json()["message"]

    response = drop(client, visit, row=f"crew-{visit.crew_id}", day=saturday.isoformat(), override_reason="Rush job")
    assert response.json()["ok"]
    visit.refresh_from_db()
    assert visit.override_reason == "Rush job"


@pytest.mark.parametrize(
    "data",
    [{"row": "crew-x", "day": "2026-01-01"}, {"row": "truck-1", "day": "2026-01-01"}, {"row": "crew-1", "day": "soon"}],
)
def test_nonsense_is_refused_without_changes(client_as, coordinator, visit, data):
    response = drop(client_as(coordinator), visit, **data)
    assert response.status_code == 400
    assert not response.json()["ok"]
    assert Visit.objects.get(pk=visit.pk).starts_at == visit.starts_at


def test_a_visit_under_way_cannot_be_dragged(client_as, coordinator):
    visit = VisitFactory(status=VisitStatus.ON_SITE)
    response = drop(client_as(coordinator), visit, row=f"crew-{visit.crew_id}", day=WEDNESDAY.isoformat())
    assert response.status_code == 403


def test_only_the_office_may_drag(client_as, accounting, installer, visit):
    assert drop(client_as(accounting), visit, row=f"crew-{visit.crew_id}", day=WEDNESDAY.isoformat()).status_code == 403
    own = VisitFactory(crew=installer.crew, starts_at=local_dt(WEDNESDAY, 8))
    assert drop(client_as(installer), own, row=f"crew-{own.crew_id}", day=TUESDAY.isoformat()).status_code == 403
    # Dragging is not part of an installer's role, whichever crew's visit it is.
    assert drop(client_as(installer), visit, row=f"crew-{visit.crew_id}", day=TUESDAY.isoformat()).status_code == 403
