"""Status taps on the phone only on the visit's day: "on my way" tapped the evening before must not text
the customer. The office sets statuses on any day."""

import uuid
from datetime import timedelta

import pytest
from django.urls import reverse

from field.models import FieldAction
from field.selectors import visit_field_statuses
from notifications.models import Message
from scheduling.models import VisitStatusChange
from tests.lifecycle_facts import issue_permit
from tests.notifications.factories import visit_on

pytestmark = pytest.mark.django_db
JSON = {"HTTP_ACCEPT": "application/json"}


def tap(client, visit, to_status="on_my_way", **extra):
    data = {"to_status": to_status, "client_uuid": str(uuid.uuid4())}
    return client.post(reverse("field:visit_status", args=[visit.pk]), data, **extra)


def page(client, visit) -> str:
    return client.get(reverse("field:visit_detail", args=[visit.pk])).content.decode()


def assert_untouched(visit):
    visit.refresh_from_db()
    assert (visit.status, visit.on_my_way_at) == ("scheduled", None)
    assert not VisitStatusChange.objects.filter(visit=visit, to_status="on_my_way").exists()
    assert not Message.objects.filter(visit=visit).exists()


@pytest.mark.parametrize(
    "clock", [pytest.param("21:00", id="the evening before"), pytest.param("06:00", id="the day before, at dawn")]
)
def test_tomorrows_visit_has_no_status_buttons_and_a_tap_is_refused(
    client_as, installer, company_clock, clock, django_capture_on_commit_callbacks
):
    company_clock(clock)
    visit = visit_on(company_clock.tomorrow, crew=installer.crew)
    client = client_as(installer)

    html = page(client, visit)
    assert 'name="to_status"' not in html
    assert ">On my way</button>" not in html
    assert "its status buttons work on that day" in html

    with django_capture_on_commit_callbacks(execute=True):
        response = tap(client, visit)
    assert response.status_code == 400
    assert "This visit is on" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = tap(client, visit, **JSON)
    assert response.status_code == 409
    assert "status buttons work on that day" in response.json()["message"]
    assert_untouched(visit)
    assert FieldAction.objects.filter(visit=visit, applied=False).count() == 2


@pytest.mark.company_time("09:00")
def test_yesterdays_visit_is_left_to_the_office(client_as, installer, company_clock):
    visit = visit_on(company_clock.today - timedelta(days=1), crew=installer.crew)
    client = client_as(installer)
    assert 'name="to_status"' not in page(client, visit)
    response = tap(client, visit, **JSON)
    assert response.status_code == 409
    assert "ask the office" in response.json()["message"]
    assert_untouched(visit)


@pytest.mark.parametrize("clock", ["06:00", "21:00"])
def test_todays_visit_taps_through_and_texts_the_customer(
    client_as, installer, company_clock, clock, django_capture_on_commit_callbacks
):
    company_clock(clock)
    visit = visit_on(company_clock.today, hour=7 if clock == "06:00" else 19, crew=installer.crew)
    issue_permit(visit.job)
    client = client_as(installer)
    html = page(client, visit)
    assert ">On my way</button>" in html
    assert f'data-for-day="{company_clock.today:%Y-%m-%d}"' in html

    with django_capture_on_commit_callbacks(execute=True):
        response = tap(client, visit)
    assert response.status_code == 302
    visit.refresh_from_db()
    assert visit.status == "on_my_way"
    assert Message.objects.filter(visit=visit, kind="on_my_way").exists()


@pytest.mark.company_time("21:00")
def test_the_office_is_not_held_to_the_visits_day(client_as, coordinator, installer, company_clock):
    visit = visit_on(company_clock.tomorrow, crew=installer.crew)
    issue_permit(visit.job)
    assert visit_field_statuses(visit=visit, user=coordinator)
    assert visit_field_statuses(visit=visit, user=installer) == []
    response = tap(client_as(coordinator), visit, "on_site", **JSON)
    assert response.status_code == 200, response.content
    visit.refresh_from_db()
    assert visit.status == "on_site"
