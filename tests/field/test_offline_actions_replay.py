"""Taps and notes made without signal are replayed in order when back online; each is applied once."""

import uuid
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from field.models import FieldAction, FieldNote, InspectionRequest
from scheduling.models import VisitStatusChange
from tests.jobs.factories import JobFactory
from tests.lifecycle_facts import issue_permit
from tests.scheduling.factories import VisitFactory

# Mid-morning, an hour into the visit.
pytestmark = [pytest.mark.django_db, pytest.mark.company_time("10:00")]
JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def visit(installer):
    now = timezone.now()
    visit = VisitFactory(
        job=JobFactory(), crew=installer.crew, starts_at=now - timedelta(hours=1), ends_at=now + timedelta(hours=3)
    )
    issue_permit(visit.job)
    return visit


def tap(client, visit, to_status, action_id, happened_at=None):
    data = {"to_status": to_status, "client_uuid": str(action_id)}
    if happened_at:
        data["happened_at"] = happened_at.isoformat()
    return client.post(reverse("field:visit_status", args=[visit.pk]), data, **JSON)


def test_a_queue_replayed_twice_applies_each_tap_once_at_the_time_it_was_tapped(client_as, installer, visit):
    client = client_as(installer)
    now = timezone.now().replace(microsecond=0)
    queue = [
        ("on_my_way", uuid.uuid4(), now - timedelta(minutes=50)),
        ("on_site", uuid.uuid4(), now - timedelta(minutes=20)),
    ]
    for _ in range(2):  # the phone lost the answers and sent the whole queue again
        for to_status, action_id, happened_at in queue:
            response = tap(client, visit, to_status, action_id, happened_at)
            assert response.status_code == 200, response.content
            assert response.json()["ok"] is True

    visit.refresh_from_db()
    assert visit.status == "on_site"
    assert visit.on_my_way_at == now - timedelta(minutes=50)
    assert visit.on_site_at == now - timedelta(minutes=20)
    assert FieldAction.objects.filter(visit=visit).count() == 2
    assert VisitStatusChange.objects.filter(visit=visit, to_status__in=["on_my_way", "on_site"]).count() == 2


def test_a_tap_the_visit_can_no_longer_take_is_refused_and_kept(client_as, installer, visit):
    client = client_as(installer)
    assert tap(client, visit, "completed", uuid.uuid4()).status_code == 200
    stale = uuid.uuid4()
    response = tap(client, visit, "on_my_way", stale)
    assert response.status_code == 409
    assert "cannot be set" in response.json()["message"]
    action = FieldAction.objects.get(client_uuid=stale)
    assert action.applied is False
    assert action.outcome
    # Sending it again gives the same answer without touching the visit.
    assert tap(client, visit, "on_my_way", stale).status_code == 409
    visit.refresh_from_db()
    assert visit.status == "completed"


@pytest.mark.parametrize("phone_clock", [timedelta(days=2), timedelta(minutes=6), -timedelta(hours=37)])
def test_an_unbelievable_phone_clock_is_replaced_by_the_server_time(client_as, installer, visit, phone_clock):
    tap(client_as(installer), visit, "on_my_way", uuid.uuid4(), timezone.now() + phone_clock)
    visit.refresh_from_db()
    assert visit.on_my_way_at == timezone.now()


def test_a_phone_clock_a_little_ahead_of_the_server_is_taken_as_now(client_as, installer, visit):
    tap(client_as(installer), visit, "on_my_way", uuid.uuid4(), timezone.now() + timedelta(minutes=4))
    visit.refresh_from_db()
    assert visit.on_my_way_at == timezone.now()


def test_a_tap_queued_offline_up_to_36_hours_ago_keeps_its_time(client_as, installer):
    tapped = timezone.now().replace(microsecond=0) - timedelta(hours=35)
    # A late visit that day: the tap was made on the visit's day, sent only now.
    visit = VisitFactory(
        crew=installer.crew, starts_at=tapped - timedelta(hours=1), ends_at=tapped + timedelta(minutes=30)
    )
    issue_permit(visit.job)
    tap(client_as(installer), visit, "on_my_way", uuid.uuid4(), tapped)
    visit.refresh_from_db()
    assert visit.on_my_way_at == tapped


def test_a_tap_queued_the_evening_before_the_visit_is_refused_when_it_arrives(client_as, installer, visit):
    tapped = timezone.now().replace(microsecond=0) - timedelta(hours=13)  # 21:00 yesterday
    action_id = uuid.uuid4()
    response = tap(client_as(installer), visit, "on_my_way", action_id, tapped)
    assert response.status_code == 409
    assert "status buttons work on that day" in response.json()["message"]
    visit.refresh_from_db()
    assert (visit.status, visit.on_my_way_at) == ("scheduled", None)
    assert FieldAction.objects.get(client_uuid=action_id).applied is False
    # The refusal waits for the phone's reload, and the visit page lists it.
    page = client_as(installer).get(reverse("field:visit_detail", args=[visit.pk])).content.decode()
    assert "“On my way” not sent: This visit is on" in page
    assert "Not applied: “On my way” tapped" in page


def test_without_javascript_the_buttons_post_and_come_back_to_the_visit(client_as, installer, visit):
    response = client_as(installer).post(
        reverse("field:visit_status", args=[visit.pk]), {"to_status": "on_my_way", "client_uuid": str(uuid.uuid4())}
    )
    assert response.status_code == 302
    page = client_as(installer).get(response["Location"]).content.decode()
    assert "On my way at" in page
    assert ">On site</button>" in page


def test_notes_sent_twice_are_kept_once(client_as, installer, coordinator, visit):
    client = client_as(installer)
    note_id = str(uuid.uuid4())
    for _ in range(3):
        response = client.post(
            reverse("field:visit_note", args=[visit.pk]),
            {"text": "Customer wants the old unit kept in the garage.", "client_uuid": note_id},
            **JSON,
        )
        assert response.json()["ok"] is True
    assert FieldNote.objects.filter(visit=visit).count() == 1
    panel = client_as(coordinator).get(reverse("field:job_folder_panel", args=[visit.job.pk])).content.decode()
    assert "Customer wants the old unit kept in the garage." in panel


def test_an_empty_note_is_refused_with_a_message(client_as, installer, visit):
    response = client_as(installer).post(
        reverse("field:visit_note", args=[visit.pk]), {"text": "  ", "client_uuid": str(uuid.uuid4())}
    )
    assert response.status_code == 400
    assert "This field is required" in response.content.decode()


def test_an_inspection_requested_from_site_reaches_the_office(client_as, installer, coordinator, visit):
    client = client_as(installer)
    request_id = str(uuid.uuid4())
    for _ in range(2):
        client.post(
            reverse("field:visit_inspection", args=[visit.pk]),
            {"kind": "final", "note": "Ready for final", "client_uuid": request_id},
            **JSON,
        )
    assert InspectionRequest.objects.filter(job=visit.job, kind="final").count() == 1
    response = client.post(
        reverse("field:visit_inspection", args=[visit.pk]),
        {"kind": "final", "client_uuid": str(uuid.uuid4())},
        **JSON,
    )
    assert response.status_code == 409
    assert "already has a request" in response.json()["message"]

    office = client_as(coordinator)
    listing = office.get(reverse("field:inspection_request_list")).content.decode()
    assert "Ready for final" in listing
    assert visit.job.number in listing
    inspection = InspectionRequest.objects.get(job=visit.job)
    office.post(reverse("field:inspection_request_handled", args=[inspection.pk]), {"note": "Booked Tue AM"})
    inspection.refresh_from_db()
    assert (inspection.status, inspection.handled_by, inspection.handled_note) == (
        "handled",
        coordinator,
        "Booked Tue AM",
    )
    assert "Ready for final" not in office.get(reverse("field:inspection_request_list")).content.decode()


def test_installers_cannot_open_the_office_request_list(client_as, installer):
    assert client_as(installer).get(reverse("field:inspection_request_list")).status_code == 403
