"""A phone form refused without JavaScript (a plain post) redisplays the visit page with the reason
and what was typed, and a damaged id is replaced so that sending again works."""

import re
import uuid
from datetime import timedelta

import pytest
from django.urls import reverse

from field.models import FieldNote
from permits.models import Inspection
from tests.jobs.factories import JobFactory
from tests.scheduling.factories import VisitFactory

pytestmark = [pytest.mark.django_db, pytest.mark.company_time("10:00")]


@pytest.fixture
def visit(installer, company_clock):
    now = company_clock.now
    return VisitFactory(
        job=JobFactory(), crew=installer.crew, starts_at=now - timedelta(hours=1), ends_at=now + timedelta(hours=3)
    )


def hidden_uuid(page: str, action: str) -> str:
    form = page[page.index(f'action="{action}"') :]
    return re.search(r'name="client_uuid" value="([^"]*)"', form).group(1)


def test_a_note_with_a_damaged_id_shows_why_keeps_the_text_and_goes_through_when_sent_again(
    client_as, installer, visit
):
    client = client_as(installer)
    url = reverse("field:visit_note", args=[visit.pk])
    response = client.post(url, {"client_uuid": "not-an-id", "text": "Attic hatch is small"})

    assert response.status_code == 400
    page = response.content.decode()
    assert "The page sent this with a damaged id: please send it again." in page
    assert "Attic hatch is small" in page
    assert not FieldNote.objects.exists()

    fresh = hidden_uuid(page, url)
    assert uuid.UUID(fresh)
    assert client.post(url, {"client_uuid": fresh, "text": "Attic hatch is small"}).status_code == 302
    assert FieldNote.objects.get().text == "Attic hatch is small"


def test_an_inspection_note_over_1000_characters_shows_why_and_keeps_the_text(client_as, installer, visit):
    url = reverse("field:visit_inspection", args=[visit.pk])
    note = "Rough-in ready. " * 70  # 1,120 characters
    response = client_as(installer).post(url, {"client_uuid": str(uuid.uuid4()), "kind": "final", "note": note})

    assert response.status_code == 400
    page = response.content.decode()
    assert "Ensure this value has at most 1000 characters" in page
    assert note.strip() in page
    assert not Inspection.objects.exists()


def test_a_note_with_a_control_character_is_refused_with_the_reason(client_as, installer, visit):
    url = reverse("field:visit_note", args=[visit.pk])
    response = client_as(installer).post(url, {"client_uuid": str(uuid.uuid4()), "text": "Bell\x07 rang"})

    assert response.status_code == 400
    assert "invisible control character (U+0007)" in response.content.decode()
    assert not FieldNote.objects.exists()


def test_a_multi_line_note_keeps_its_line_breaks_and_tabs(client_as, installer, visit):
    url = reverse("field:visit_note", args=[visit.pk])
    text = "Line one\r\n\tindented"
    assert client_as(installer).post(url, {"client_uuid": str(uuid.uuid4()), "text": text}).status_code == 302
    assert FieldNote.objects.get().text == text


def test_a_signoff_with_a_damaged_id_shows_why(client_as, installer, visit):
    visit.completed_at = visit.starts_at + timedelta(hours=1)
    visit.save()
    signature = "data:image/png;base64,iVBORw0KGgo="
    data = {"client_uuid": "", "signer_name": "Maria Lopez", "signature": signature, "accepted": "on"}
    response = client_as(installer).post(reverse("field:visit_signoff", args=[visit.pk]), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "The page sent this without its id: please send it again." in page
    assert "Maria Lopez" in page
