"""An installer's "my day": today's and tomorrow's visits of their crew, in order, light enough for a weak signal."""

from datetime import datetime, time, timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils import timezone

from tests.jobs.factories import JobFactory
from tests.scheduling.factories import VisitFactory

# The installer opens the phone before the first call of the day.
pytestmark = [pytest.mark.django_db, pytest.mark.company_time("06:30")]


def at(day_offset: int, hour: int):
    day = timezone.localdate() + timedelta(days=day_offset)
    return datetime.combine(day, time(hour), tzinfo=timezone.get_default_timezone())


def book(crew, day_offset, hour, **job_fields):
    job = JobFactory(**job_fields)
    return VisitFactory(job=job, crew=crew, starts_at=at(day_offset, hour), ends_at=at(day_offset, hour + 2))


def test_my_day_lists_my_crews_visits_today_and_tomorrow_in_order(client_as, installer, other_installer):
    late = book(installer.crew, 0, 13, customer__name="Afternoon Customer")
    early = book(installer.crew, 0, 8, customer__name="Morning Customer")
    tomorrow = book(installer.crew, 1, 9, customer__name="Tomorrow Customer")
    book(installer.crew, 2, 9, customer__name="Later This Week")
    book(installer.crew, -1, 9, customer__name="Yesterday Customer")
    book(other_installer.crew, 0, 8, customer__name="Other Crew Customer")
    cancelled = book(installer.crew, 0, 16, customer__name="Cancelled Customer")
    cancelled.status = "cancelled"
    cancelled.save()

    page = client_as(installer).get(reverse("field:my_day")).content.decode()

    order = [page.index(name) for name in ["Morning Customer", "Afternoon Customer", "Tomorrow Customer"]]
    assert order == sorted(order)
    assert page.index("Today") < order[0]
    assert page.index("Tomorrow") < order[2]
    for absent in ["Later This Week", "Yesterday Customer", "Other Crew Customer", "Cancelled Customer"]:
        assert absent not in page
    for visit in (early, late, tomorrow):
        assert reverse("field:visit_detail", args=[visit.pk]) in page


def test_each_visit_offers_maps_call_and_access_notes(client_as, installer):
    visit = book(installer.crew, 0, 8, customer__phone="(559) 555-0142")
    visit.job.site.street = "1420 W Shaw Ave"
    visit.job.site.access_notes = "Gate code 4411#, dog in back yard"
    visit.job.site.save()
    page = client_as(installer).get(reverse("field:my_day")).content.decode()
    assert 'href="tel:5595550142"' in page
    assert "https://www.google.com/maps/search/?api=1&amp;query=1420%20W%20Shaw%20Ave" in page
    assert "Gate code 4411#, dog in back yard" in page


def test_each_role_lands_on_its_start_page(client_as, installer, coordinator, accounting):
    assert client_as(installer).get(reverse("home"))["Location"] == reverse("field:my_day")
    assert client_as(coordinator).get(reverse("home"))["Location"] == reverse("scheduling:board")
    assert client_as(accounting).get(reverse("home"))["Location"] == reverse("jobs:job_list")


def test_my_day_runs_a_constant_number_of_queries(client_as, installer, django_assert_max_num_queries):
    client = client_as(installer)
    for hour in (7, 9):
        book(installer.crew, 0, hour)
    with django_assert_max_num_queries(12) as small:
        client.get(reverse("field:my_day"))
    for hour in (11, 13, 15, 17, 19):
        book(installer.crew, 0, hour)
        book(installer.crew, 1, hour)
    with django_assert_max_num_queries(len(small.captured_queries)):
        page = client.get(reverse("field:my_day")).content.decode()
    assert page.count('data-testid="visit-card"') == 12


def test_the_phone_pages_are_light(client_as, installer):
    """Bytes a phone downloads for "my day" with six visits: HTML plus its only CSS and JS."""
    for hour in (7, 10, 13):
        book(installer.crew, 0, hour)
        book(installer.crew, 1, hour)
    client = client_as(installer)
    html = client.get(reverse("field:my_day")).content
    assets = sum(Path(finders.find(f"field/{name}")).stat().st_size for name in ("phone.css", "phone.js"))
    assert b"bootstrap" not in html
    assert len(html) < 15_000
    assert len(html) + assets < 30_000
    visit_page = client.get(reverse("field:visit_detail", args=[installer.crew.visits.first().pk])).content
    assert len(visit_page) < 20_000


def test_the_service_worker_may_control_the_phone_view(client_as, installer):
    response = client_as(installer).get(reverse("field:service_worker"))
    assert response["Content-Type"] == "application/javascript"
    assert response["Service-Worker-Allowed"] == "/field/"
    assert b"precache" in response.content
    assert settings.STATIC_URL.strip("/") in response.content.decode()
