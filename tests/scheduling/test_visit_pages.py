"""Booking form, visit page with dispatch statuses, and the job page's visits panel."""

from datetime import date

import pytest
from django.urls import reverse

from jobs.choices import JobStatus
from scheduling.choices import VisitStatus
from scheduling.models import Visit
from tests.jobs.factories import JobFactory
from tests.lifecycle_facts import issue_permit
from tests.scheduling.factories import CrewFactory, VisitFactory, local_dt, next_weekday

# Friday 27 November 2026, 10:00 at the office: the visits are booked into the week after.
pytestmark = [pytest.mark.django_db, pytest.mark.company_time("2026-11-27 10:00")]
TUESDAY = date(2026, 12, 1)


def book(client, job, **data):
    payload = {"day": TUESDAY.isoformat(), "start_time": "08:00", "estimated_hours": "8", "window_start": "08:00",
               "window_end": "10:00", "notes": "", "override_reason": ""}  # fmt: skip
    payload.update(data)
    return client.post(reverse("scheduling:visit_book", args=[job.pk]), payload)


def test_the_booking_form_starts_from_the_estimate_and_suggests_slots(client_as, coordinator):
    job = JobFactory(equipment_proposed="Carrier AC\nCrane lift")
    response = client_as(coordinator).get(reverse("scheduling:visit_book", args=[job.pk]))
    assert response.status_code == 200
    assert response.context["form"].initial["estimated_hours"] == 10
    assert "Next free slots" in response.content.decode()


def test_booking_from_the_form_ends_when_the_estimate_says(client_as, coordinator):
    job = JobFactory()
    crew = CrewFactory()
    response = book(client_as(coordinator), job, crew=crew.pk)
    assert response.status_code == 302
    visit = Visit.objects.get(job=job)
    assert (visit.starts_at, visit.ends_at) == (local_dt(TUESDAY, 8), local_dt(TUESDAY, 16))
    assert (visit.arrival_window_start, visit.arrival_window_end) == (local_dt(TUESDAY, 8), local_dt(TUESDAY, 10))


def test_a_clash_redisplays_the_form_with_the_message_and_the_entries(client_as, coordinator):
    crew = CrewFactory(name="Crew Ortega")
    other = VisitFactory(crew=crew, starts_at=local_dt(TUESDAY, 9), ends_at=local_dt(TUESDAY, 12))
    response = book(client_as(coordinator), JobFactory(), crew=crew.pk, notes="Side gate")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Crew Ortega is already booked" in html
    assert other.job.number in html
    assert "Side gate" in html


def test_outside_hours_shows_the_reason_box_then_books(client_as, coordinator):
    client = client_as(coordinator)
    job, crew = JobFactory(), CrewFactory()
    response = book(client, job, crew=crew.pk, start_time="05:30", window_start="05:30", window_end="07:00")
    assert response.status_code == 400
    assert "Give a reason to book it anyway" in response.content.decode()
    response = book(client, job, crew=crew.pk, start_time="05:30", window_start="05:30", window_end="07:00",
                    override_reason="Customer's request")  # fmt: skip
    assert response.status_code == 302


def test_only_the_office_books(client_as, installer, accounting):
    job = JobFactory()
    assert client_as(accounting).get(reverse("scheduling:visit_book", args=[job.pk])).status_code == 403
    assert client_as(installer).get(reverse("scheduling:visit_book", args=[job.pk])).status_code in (403, 404)


def test_an_installer_sets_on_my_way_on_their_own_visit_only(client_as, installer, other_installer):
    own = VisitFactory(crew=installer.crew)
    other = VisitFactory(crew=other_installer.crew)
    issue_permit(own.job)
    client = client_as(installer)

    page = client.get(reverse("scheduling:visit_detail", args=[own.pk]))
    assert page.status_code == 200
    assert "On my way" in page.content.decode()
    response = client.post(reverse("scheduling:visit_status", args=[own.pk]), {"to_status": "on_my_way"})
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.status == VisitStatus.ON_MY_WAY

    assert client.get(reverse("scheduling:visit_detail", args=[other.pk])).status_code == 404
    assert (
        client.post(reverse("scheduling:visit_status", args=[other.pk]), {"to_status": "on_my_way"}).status_code == 404
    )
    # Confirming with the customer is the office's job.
    response = client.post(reverse("scheduling:visit_status", args=[own.pk]), {"to_status": "confirmed"})
    assert response.status_code == 400


def test_cancelling_from_the_visit_page_needs_a_reason(client_as, coordinator):
    job = JobFactory(status=JobStatus.SCHEDULED)
    visit = VisitFactory(job=job)
    client = client_as(coordinator)
    response = client.post(reverse("scheduling:visit_status", args=[visit.pk]), {"to_status": "cancelled"})
    assert response.status_code == 400
    assert "Say why" in response.content.decode()
    response = client.post(
        reverse("scheduling:visit_status", args=[visit.pk]), {"to_status": "cancelled", "reason": "Sold the house"}
    )
    assert response.status_code == 302
    visit.refresh_from_db()
    assert visit.status_reason == "Sold the house"


def test_rescheduling_from_the_visit_page(client_as, coordinator):
    visit = VisitFactory(starts_at=local_dt(TUESDAY, 8), ends_at=local_dt(TUESDAY, 12))
    wednesday = next_weekday(2)
    response = client_as(coordinator).post(
        reverse("scheduling:visit_reschedule", args=[visit.pk]),
        {"day": wednesday.isoformat(), "start_time": "09:00", "reason": "Customer sick"},
    )
    assert response.status_code == 302
    new = Visit.objects.get(rescheduled_from=visit)
    assert new.starts_at == local_dt(wednesday, 9)


def test_the_job_page_loads_its_visits_panel(client_as, coordinator, installer, other_installer):
    job = JobFactory()
    VisitFactory(job=job, crew=installer.crew, starts_at=local_dt(TUESDAY, 8))
    page = client_as(coordinator).get(reverse("jobs:job_detail", args=[job.pk])).content.decode()
    assert reverse("scheduling:job_visits_panel", args=[job.pk]) in page

    panel = client_as(coordinator).get(reverse("scheduling:job_visits_panel", args=[job.pk]))
    assert panel.status_code == 200
    html = panel.content.decode()
    assert "Crew Ortega" in html
    assert "No permit number" in html
    assert "Book a visit" in html

    assert client_as(installer).get(reverse("scheduling:job_visits_panel", args=[job.pk])).status_code == 200
    assert client_as(other_installer).get(reverse("scheduling:job_visits_panel", args=[job.pk])).status_code == 404


def test_a_change_nobody_signed_in_made_shows_as_the_system_on_the_visit_page(client_as, coordinator):
    """A customer's online confirmation is recorded with no user: the page still renders it."""
    from scheduling.services import visit_set_dispatch_status

    visit = VisitFactory(starts_at=local_dt(TUESDAY, 8), ends_at=local_dt(TUESDAY, 12))
    visit_set_dispatch_status(visit=visit, to_status=VisitStatus.CONFIRMED, by=None)
    response = client_as(coordinator).get(reverse("scheduling:visit_detail", args=[visit.pk]))
    assert response.status_code == 200
    assert "Confirmed" in response.content.decode()
    assert "· system" in " ".join(response.content.decode().split())
