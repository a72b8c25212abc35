"""On site: photos from the phone's camera, equipment with its nameplate, and the customer's signature."""

import base64
import io
import uuid
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from PIL import Image, ImageDraw
from pypdf import PdfReader

from jobs.models import CompletionSignoff, Document, InstalledEquipment
from tests.jobs.factories import JobFactory
from tests.jobs.files import image_bytes, upload
from tests.scheduling.factories import VisitFactory

# On site mid-morning: the crew taps statuses on the day of the visit.
pytestmark = [pytest.mark.django_db, pytest.mark.company_time("10:00")]


@pytest.fixture
def visit(installer):
    now = timezone.now()
    return VisitFactory(
        job=JobFactory(customer__name="Ruth Allen"),
        crew=installer.crew,
        starts_at=now - timedelta(hours=1),
        ends_at=now + timedelta(hours=3),
    )


def signature_data_url(blank=False) -> str:
    image = Image.new("RGBA", (600, 200), (0, 0, 0, 0))
    if not blank:
        ImageDraw.Draw(image).line([(20, 150), (200, 40), (380, 160), (580, 60)], fill=(0, 0, 0, 255), width=4)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


def test_a_photo_from_the_phone_lands_in_the_field_folder(client_as, installer, visit):
    client = client_as(installer)
    response = client.post(
        reverse("field:visit_photo", args=[visit.pk]),
        {"file": upload(image_bytes(4000, 3000, gps=True), "IMG_2001.JPG", "image/jpeg"), "title": "New condenser"},
    )
    assert response.status_code == 302
    photo = Document.objects.get(job=visit.job)
    assert (photo.category, photo.title, photo.uploaded_by, photo.kind) == (
        "pictures",
        "New condenser",
        installer,
        "photo",
    )
    assert max(photo.width, photo.height) == 1600
    page = client.get(reverse("field:visit_detail", args=[visit.pk])).content.decode()
    assert reverse("field:visit_document_thumbnail", args=[visit.pk, photo.pk]) in page


def test_a_bad_photo_is_refused_on_the_page_with_the_reason(client_as, installer, visit):
    response = client_as(installer).post(
        reverse("field:visit_photo", args=[visit.pk]), {"file": upload(b"not an image at all", "IMG.jpg")}
    )
    assert response.status_code == 400
    assert "not a PDF, JPEG, PNG or HEIC" in response.content.decode()
    assert not Document.objects.exists()


def test_installed_equipment_is_recorded_with_its_nameplate(client_as, installer, visit):
    client = client_as(installer)
    data = {
        "kind": "condenser",
        "manufacturer": "Carrier",
        "model_number": "24ACC636A003",
        "serial_number": "2419e12345",
        "warranty_years": "10",
        "nameplate_photo": upload(image_bytes(1200, 900), "nameplate.jpg"),
    }
    assert client.post(reverse("field:visit_equipment", args=[visit.pk]), data).status_code == 302
    equipment = InstalledEquipment.objects.get(job=visit.job)
    assert equipment.serial_number == "2419E12345"
    assert equipment.recorded_by == installer
    assert equipment.nameplate_photo.category == "pictures"
    assert "Nameplate" in equipment.nameplate_photo.title

    data["nameplate_photo"] = upload(image_bytes(), "again.jpg")
    response = client.post(reverse("field:visit_equipment", args=[visit.pk]), data)
    assert response.status_code == 400
    assert "already recorded" in response.content.decode()
    assert 'value="24ACC636A003"' in response.content.decode()
    assert InstalledEquipment.objects.count() == 1


def test_the_customer_signs_after_completion_and_gets_a_certificate(client_as, installer, visit):
    client = client_as(installer)
    url = reverse("field:visit_signoff", args=[visit.pk])
    payload = {"signer_name": "Ruth Allen", "signature": signature_data_url(), "accepted": "on",
               "client_uuid": str(uuid.uuid4())}  # fmt: skip
    response = client.post(url, payload)
    assert response.status_code == 400
    assert "Mark the visit completed" in response.content.decode()

    for status in ("on_site", "completed"):
        client.post(
            reverse("field:visit_status", args=[visit.pk]),
            {"to_status": status, "client_uuid": str(uuid.uuid4()), "confirmed": "1"},
        )
    assert client.post(url, payload).status_code == 302
    assert client.post(url, payload).status_code == 302  # a double tap on "Save" keeps one sign-off
    signoff = CompletionSignoff.objects.get(job=visit.job)
    certificate = signoff.certificate
    assert (certificate.category, certificate.kind, certificate.office_only) == ("completion", "pdf", False)
    with certificate.file.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    text = reader.pages[0].extract_text()
    assert "Certificate of completion" in text
    assert "Ruth Allen" in text
    assert "Crew Ortega" in text
    assert len(reader.pages) == 1
    page = client.get(reverse("field:visit_detail", args=[visit.pk])).content.decode()
    assert "Completion certificate" in page


def test_a_blank_signature_or_missing_confirmation_is_refused(client_as, installer, visit):
    client = client_as(installer)
    for status in ("on_site", "completed"):
        client.post(
            reverse("field:visit_status", args=[visit.pk]),
            {"to_status": status, "client_uuid": str(uuid.uuid4()), "confirmed": "1"},
        )
    url = reverse("field:visit_signoff", args=[visit.pk])
    response = client.post(url, {"signer_name": "Ruth Allen", "signature": signature_data_url(blank=True),
                                 "accepted": "on", "client_uuid": str(uuid.uuid4())})  # fmt: skip
    assert response.status_code == 400
    assert "blank" in response.content.decode()
    response = client.post(url, {"signer_name": "Ruth Allen", "signature": "", "client_uuid": str(uuid.uuid4())})
    page = response.content.decode()
    assert "Ask the customer to sign" in page
    assert "must confirm" in page
    assert 'value="Ruth Allen"' in page
    assert not CompletionSignoff.objects.exists()
