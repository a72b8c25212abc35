""" "Completed" on the phone asks first and says what the job kind's checklist still misses: a page
without JavaScript, a dialog with it. Notes and inspection requests show as sent."""

import uuid
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from field.models import FieldNote
from field.selectors import visit_completion_missing
from jobs.models import CompletionSignoff, InstalledEquipment
from permits.models import Inspection
from scheduling.models import CloseoutItem, VisitChecklistTick
from tests.jobs.factories import JobFactory
from tests.jobs.files import add_document, image_bytes
from tests.scheduling.factories import VisitFactory

# On site late in the morning.
pytestmark = [pytest.mark.django_db, pytest.mark.company_time("11:30")]
JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def visit(installer):
    installer.first_name, installer.last_name = "Luis", "Ortega"
    installer.save()
    now = timezone.now()
    job = JobFactory(kind="install", equipment_proposed="Carrier 24ACC636 condenser\nCarrier 59TP6 furnace")
    return VisitFactory(
        job=job, crew=installer.crew, starts_at=now - timedelta(hours=3), ends_at=now + timedelta(hours=2)
    )


def record_serial(job, model, serial):
    return InstalledEquipment.objects.create(job=job, kind="condenser", model_number=model, serial_number=serial)


def test_what_is_missing_follows_the_job_kinds_checklist(installer, visit):
    job = visit.job
    for number in range(2):
        add_document(job, "pictures", image_bytes(800, 600), f"IMG_{number}.jpg")
    record_serial(job, "24ACC636", "4521E12345")
    labels = list(CloseoutItem.objects.filter(kind="install", required=True).values_list("label", flat=True))
    ticked = CloseoutItem.objects.get(kind="install", label=labels[0])
    VisitChecklistTick.objects.create(visit=visit, item=ticked, ticked_at=timezone.now())

    missing = visit_completion_missing(visit=visit)

    assert missing[:2] == ["2 photos", "serial of “Carrier 59TP6 furnace”"]
    assert missing[2:-1] == [f"“{label}” not checked" for label in labels[1:]]
    assert missing[-1] == "customer's signature"


def test_a_substituted_unit_still_covers_its_line(visit):
    record_serial(visit.job, "24ACC636", "1")
    record_serial(visit.job, "59TP6A-080", "2")  # not the proposed model number, but a unit all the same
    assert not any(item.startswith("serial") for item in visit_completion_missing(visit=visit))


def test_a_maintenance_visit_needs_no_photos_or_serials(installer):
    now = timezone.now()
    visit = VisitFactory(
        job=JobFactory(kind="maintenance"), crew=installer.crew, starts_at=now, ends_at=now + timedelta(hours=1)
    )
    CompletionSignoff.objects.create(job=visit.job, signer_name="Ruth", signed_at=now, signature="x.png")
    labels = CloseoutItem.objects.filter(kind="maintenance", required=True).values_list("label", flat=True)
    assert visit_completion_missing(visit=visit) == [f"“{label}” not checked" for label in labels]


def test_without_javascript_completed_asks_on_a_page_then_applies(client_as, installer, visit):
    client = client_as(installer)
    action_id = str(uuid.uuid4())
    url = reverse("field:visit_status", args=[visit.pk])

    response = client.post(url, {"to_status": "completed", "client_uuid": action_id})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<strong>Still missing:</strong>" in html
    for item in ["4 photos", "serial of “Carrier 24ACC636 condenser”", "serial of “Carrier 59TP6 furnace”",
                 "“Old equipment removed and hauled away” not checked", "customer&#x27;s signature"]:  # fmt: skip
        assert f"<li>{item}</li>" in html
    assert "Mark completed anyway" in html
    assert f'value="{action_id}"' in html  # the same tap, confirmed
    visit.refresh_from_db()
    assert visit.status == "scheduled"

    response = client.post(url, {"to_status": "completed", "client_uuid": action_id, "confirmed": "1"})
    assert response.status_code == 302
    visit.refresh_from_db()
    assert visit.status == "completed"
    assert "Completed at" in client.get(response["Location"]).content.decode()
    # Sent again (a double tap): still the one tap.
    assert client.post(url, {"to_status": "completed", "client_uuid": action_id, "confirmed": "1"}).status_code == 302


def test_the_visit_page_holds_the_dialog_for_the_phones_script(client_as, installer, visit):
    html = client_as(installer).get(reverse("field:visit_detail", args=[visit.pk])).content.decode()
    assert 'data-confirm="complete-dialog"' in html
    assert '<dialog id="complete-dialog"' in html
    assert "<strong>Still missing:</strong>" in html
    assert "<li>4 photos</li>" in html


def test_the_phones_queue_sends_completed_once_the_dialog_was_answered(client_as, installer, visit):
    client = client_as(installer)
    response = client.post(
        reverse("field:visit_status", args=[visit.pk]),
        {"to_status": "completed", "client_uuid": str(uuid.uuid4()), "confirmed": "1"},
        **JSON,
    )
    assert response.json()["ok"] is True
    visit.refresh_from_db()
    assert visit.status == "completed"


def test_a_note_shows_as_sent_with_when_and_who(client_as, installer, visit):
    client = client_as(installer)
    note_id = str(uuid.uuid4())
    url = reverse("field:visit_note", args=[visit.pk])
    for _ in range(2):  # a double tap
        response = client.post(url, {"text": "Old unit left in the garage.", "client_uuid": note_id}, follow=True)
    html = response.content.decode()
    assert "Note sent to the office." in html
    assert FieldNote.objects.filter(visit=visit).count() == 1
    sent = html[html.index('data-testid="sent-notes"') :]
    assert "Old unit left in the garage." in sent
    assert "11:30 a.m. by Luis Ortega" in sent


def test_an_inspection_request_shows_as_sent_and_waiting(client_as, installer, visit):
    client = client_as(installer)
    request_id = str(uuid.uuid4())
    url = reverse("field:visit_inspection", args=[visit.pk])
    for _ in range(2):
        client.post(url, {"kind": "final", "note": "Ready for final", "client_uuid": request_id}, **JSON)
    assert Inspection.objects.filter(job=visit.job).count() == 1
    # Sent from the phone's queue: the page it reloads shows the message and the request.
    html = client.get(reverse("field:visit_detail", args=[visit.pk])).content.decode()
    assert "The office was asked for a final inspection." in html
    sent = html[html.index('data-testid="job-inspections"') :]
    assert "Ready for final" in sent
    assert "Waiting for the office to book it (asked by Luis Ortega" in sent
