"""The Page-outs and Confirmations lists after a change: what the change made stale, sending a page again,
an acknowledgement taken by phone, what was sent, and rescheduling from a "wants another day" row."""

from datetime import timedelta

import pytest
from django.urls import reverse

from notifications.choices import AcknowledgedVia, Channel, ConfirmationOutcome, ConfirmationSource, MessageKind
from notifications.models import CrewPage, Message
from notifications.services import confirmation_sweep, page_out_sweep, visit_confirmation_record
from people.choices import EmployeeRole
from scheduling.choices import VisitStatus
from scheduling.services import visit_move
from tests.jobs.factories import UserFactory
from tests.scheduling.factories import CrewFactory, EmployeeFactory

from .factories import visit_on

# After the evening page-out: tomorrow's crews are paged and the customers asked.
pytestmark = [pytest.mark.django_db, pytest.mark.company_time("18:00")]

PAGES = reverse("notifications:page_worklist")
CONFIRMATIONS = reverse("notifications:confirmation_worklist")


def crew_of_two(name: str):
    lead = EmployeeFactory(role=EmployeeRole.LEAD_INSTALLER, phone="(559) 555-0131", user=UserFactory())
    return CrewFactory(name=name, lead=lead, members=[EmployeeFactory(phone="(559) 555-0132")])


def told_and_moved(capture, coordinator, *, count: int, first: int = 0) -> list:
    """`count` visits tomorrow, each confirmed by message and paged, then each moved an hour later."""
    visits = [visit_on(hour=6 + index, crew=crew_of_two(f"Crew {first + index}")) for index in range(count)]
    with capture(execute=True):
        confirmation_sweep()
        page_out_sweep()
    for visit in visits:
        with capture(execute=True):
            visit_move(visit=visit, starts_at=visit.starts_at + timedelta(hours=1), by=coordinator, override_reason="x")
    return visits


def test_the_page_out_list_shows_the_pages_a_change_made_stale_in_constant_queries(
    client_as, coordinator, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    client = client_as(coordinator)
    client.get(PAGES)
    told_and_moved(django_capture_on_commit_callbacks, coordinator, count=1)
    with django_assert_max_num_queries(10):
        response = client.get(PAGES)
    content = response.content.decode()
    assert content.count('data-changed="yes"') == 2
    assert content.count("Changed after the page — update sent at 6:00 p.m.") == 2
    assert content.count('data-acknowledged="no"') == 2

    told_and_moved(django_capture_on_commit_callbacks, coordinator, count=6, first=1)
    with django_assert_max_num_queries(10):
        response = client.get(PAGES)
    assert response.content.decode().count('data-changed="yes"') == 14


def test_an_update_still_queued_reads_queued(client_as, coordinator, django_capture_on_commit_callbacks):
    visit = visit_on(crew=crew_of_two("Red"))
    with django_capture_on_commit_callbacks(execute=True):
        page_out_sweep()
    with django_capture_on_commit_callbacks() as callbacks:
        visit_move(visit=visit, starts_at=visit.starts_at + timedelta(hours=1), by=coordinator, override_reason="x")
    with django_capture_on_commit_callbacks() as queued:
        for callback in callbacks:
            callback()  # the signal; its receiver queues the task
    with django_capture_on_commit_callbacks(execute=False):  # the task runs; the sends it queues do not
        for callback in queued:
            callback()
    assert Message.objects.filter(kind=MessageKind.PAGE_UPDATE, status="pending").count() == 4
    content = client_as(coordinator).get(PAGES).content.decode()
    assert content.count("Changed after the page — update queued at 6:00 p.m.") == 2


def test_sending_a_page_again_sends_once_per_click(
    client_as, coordinator, django_capture_on_commit_callbacks, sms_outbox
):
    visit_on(crew=crew_of_two("Red"))
    with django_capture_on_commit_callbacks(execute=True):
        page_out_sweep()
    page = CrewPage.objects.order_by("pk").first()
    sms_outbox.clear()
    client = client_as(coordinator)
    url = reverse("notifications:page_send_again", args=[page.pk])
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(url, {"resends": "0"})
        client.post(url, {"resends": "0"})  # the same click, sent twice
    assert first.status_code == 302
    assert first["Location"] == f"{PAGES}?day={page.for_date}"
    assert Message.objects.filter(crew_page=page, idempotency_key__endswith=":resend1").count() == 2
    assert len(sms_outbox) == 1
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"resends": "1"})  # a second, real click
    assert len(sms_outbox) == 2
    page.refresh_from_db()
    assert page.resends == 2


def test_an_acknowledgement_by_phone_is_recorded_with_who_and_when(
    client_as, coordinator, company_clock, django_capture_on_commit_callbacks
):
    visit_on(crew=crew_of_two("Red"))
    with django_capture_on_commit_callbacks(execute=True):
        page_out_sweep()
    page = CrewPage.objects.order_by("pk").first()
    client = client_as(coordinator)
    response = client.post(reverse("notifications:page_acknowledge_by_phone", args=[page.pk]))
    assert response.status_code == 302
    page.refresh_from_db()
    assert (page.acknowledged_at, page.acknowledged_via, page.acknowledged_by) == (
        company_clock.now,
        AcknowledgedVia.PHONE,
        coordinator,
    )
    assert "by phone, logged by" in client.get(PAGES).content.decode()


def test_the_office_reads_what_was_sent(client_as, coordinator, django_capture_on_commit_callbacks):
    visit = visit_on(crew=crew_of_two("Red"))
    with django_capture_on_commit_callbacks(execute=True):
        page_out_sweep()
    page = CrewPage.objects.order_by("pk").first()
    response = client_as(coordinator).get(
        reverse("notifications:page_messages", args=[page.pk]), HTTP_HX_REQUEST="true"
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert visit.job.number in content
    acknowledge_link = Message.objects.get(crew_page=page, channel=Channel.SMS).body.rsplit(" ", 1)[-1]
    assert acknowledge_link in content  # the words sent, as sent


def test_the_confirmations_list_shows_a_changed_visit_in_constant_queries(
    client_as, coordinator, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    client = client_as(coordinator)
    client.get(CONFIRMATIONS)
    told_and_moved(django_capture_on_commit_callbacks, coordinator, count=1)
    with django_assert_max_num_queries(10):
        response = client.get(CONFIRMATIONS)
    assert response.content.decode().count('data-testid="confirmation-changed"') == 1
    told_and_moved(django_capture_on_commit_callbacks, coordinator, count=6, first=1)
    with django_assert_max_num_queries(10):
        response = client.get(CONFIRMATIONS)
    assert response.content.decode().count('data-testid="confirmation-changed"') == 7


def test_a_wants_another_day_row_reschedules_and_returns_to_the_list(
    client_as, coordinator, company_clock, django_capture_on_commit_callbacks
):
    visit = visit_on(hour=9)
    visit_confirmation_record(
        visit=visit, source=ConfirmationSource.OFFICE_CALL, outcome=ConfirmationOutcome.RESCHEDULE_REQUESTED,
        note="Tuesday please", by=coordinator,
    )  # fmt: skip
    client = client_as(coordinator)
    content = client.get(CONFIRMATIONS).content.decode()
    link = reverse("scheduling:visit_detail", args=[visit.pk]) + "?next=/notifications/confirmations/#reschedule"
    assert f'href="{link}"' in content
    page = client.get(link).content.decode()
    assert 'name="next" value="/notifications/confirmations/"' in page
    new_day = company_clock.tomorrow + timedelta(days=3)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("scheduling:visit_reschedule", args=[visit.pk]),
            {"day": new_day.isoformat(), "start_time": "09:00", "reason": "Customer asked", "override_reason": "ok",
             "next": "/notifications/confirmations/"},
        )  # fmt: skip
    assert response.status_code == 302
    assert response["Location"] == "/notifications/confirmations/"
    visit.refresh_from_db()
    assert visit.status == VisitStatus.RESCHEDULED


def test_a_foreign_next_is_ignored(client_as, coordinator, company_clock):
    visit = visit_on(hour=9)
    response = client_as(coordinator).post(
        reverse("scheduling:visit_reschedule", args=[visit.pk]),
        {"day": (company_clock.tomorrow + timedelta(days=3)).isoformat(), "start_time": "09:00",
         "reason": "Customer asked", "override_reason": "ok", "next": "https://evil.example.com/"},
    )  # fmt: skip
    assert response.status_code == 302
    assert response["Location"].startswith("/scheduling/visits/")


def test_a_call_logged_as_confirmed_leaves_the_call_list_without_a_reload(client_as, coordinator):
    visit = visit_on()
    response = client_as(coordinator).post(
        reverse("notifications:call_log", args=[visit.pk]), {"outcome": "confirmed"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert response.content == b""
    visit.refresh_from_db()
    assert visit.status == VisitStatus.CONFIRMED
