"""The admin cannot book, move or revert a visit past the scheduling services: who and when are read-only."""

import pytest
from django.urls import reverse

from scheduling.services import visit_book
from tests.jobs.factories import JobFactory
from tests.scheduling.factories import CrewFactory, local_dt, next_weekday

pytestmark = [pytest.mark.django_db, pytest.mark.company_time("2026-11-27 10:00")]


@pytest.fixture
def visit(coordinator):
    day = next_weekday(2)
    return visit_book(
        job=JobFactory(), crew=CrewFactory(), starts_at=local_dt(day, 8), ends_at=local_dt(day, 12), by=coordinator
    )


def test_a_change_in_admin_keeps_the_crew_and_the_times(admin_client, visit):
    other_crew = CrewFactory()
    url = reverse("admin:scheduling_visit_change", args=[visit.pk])
    assert admin_client.get(url).status_code == 200
    later = local_dt(next_weekday(4), 8)

    response = admin_client.post(
        url,
        {
            "crew": other_crew.pk,
            "starts_at_0": later.date().isoformat(),
            "starts_at_1": "08:00",
            "notes": "Gate code 4411#",
            "estimated_hours": "4.0",
            "status_changes-TOTAL_FORMS": "1",
            "status_changes-INITIAL_FORMS": "1",
            "status_changes-MIN_NUM_FORMS": "0",
            "status_changes-MAX_NUM_FORMS": "1000",
            "status_changes-0-id": visit.status_changes.get().pk,
            "status_changes-0-visit": visit.pk,
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    before = (visit.crew_id, visit.starts_at, visit.ends_at)
    visit.refresh_from_db()
    assert (visit.crew_id, visit.starts_at, visit.ends_at) == before
    assert visit.notes == "Gate code 4411#"


def test_visits_are_not_added_or_reverted_in_admin(admin_client, visit):
    assert admin_client.get(reverse("admin:scheduling_visit_add")).status_code == 403
    version = visit.history.earliest()
    revert = reverse("admin:scheduling_visit_simple_history", args=[visit.pk, version.history_id])
    assert admin_client.post(revert, {"notes": "old"}).status_code == 403
