"""What goes into a job folder is checked by its bytes, cleaned, and refused with a clear reason."""

import io

import pytest
from django.urls import reverse
from PIL import Image

from installops.errors import DomainError
from jobs import services
from jobs.models import Document
from jobs.uploads import sanitised_file_name
from tests.jobs.factories import JobFactory
from tests.jobs.files import add_document, image_bytes, pdf_bytes, png_header_only, upload

pytestmark = pytest.mark.django_db


def stored_image(document: Document) -> Image.Image:
    with document.file.open("rb") as handle:
        image = Image.open(io.BytesIO(handle.read()))
        image.load()
    return image


def test_a_phone_photo_is_downscaled_turned_upright_and_loses_its_gps(coordinator):
    job = JobFactory()
    document = add_document(job, "pictures", image_bytes(3200, 2400, gps=True), "IMG_0042.JPG", by=coordinator)

    assert document.kind == "photo"
    assert document.content_type == "image/jpeg"
    image = stored_image(document)
    # EXIF said "rotated 90°": the stored copy is upright (portrait) and at most 1600 px.
    assert image.size == (1200, 1600)
    assert (document.width, document.height) == (1200, 1600)
    assert not image.getexif()
    assert "exif" not in image.info
    assert document.thumbnail
    with document.thumbnail.open("rb") as handle:
        assert max(Image.open(handle).size) == 320
    assert document.uploaded_by == coordinator
    assert document.title == "IMG 0042"


def test_png_and_iphone_heic_are_accepted(coordinator):
    job = JobFactory()
    png = add_document(job, "pictures", image_bytes(200, 100, format="PNG"), "screen.png")
    heic = add_document(job, "pictures", image_bytes(640, 480, format="HEIF"), "IMG_1.HEIC")
    assert png.content_type == "image/png"
    assert stored_image(png).format == "PNG"
    # HEIC is stored as JPEG so that every browser and the PDF renderer can show it.
    assert heic.content_type == "image/jpeg"
    assert heic.file.name.endswith(".jpg")
    assert stored_image(heic).size == (640, 480)


def test_a_pdf_is_kept_as_is_with_its_page_count():
    job = JobFactory()
    content = pdf_bytes("Signed contract", pages=2)
    document = add_document(job, "contract", content, "contract.pdf")
    assert document.kind == "pdf"
    assert document.page_count == 2
    with document.file.open("rb") as handle:
        assert handle.read() == content


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"MZ\x90\x00 this is a windows program", "photo.jpg", "not a PDF, JPEG, PNG or HEIC"),
        (b"<html><script>alert(1)</script></html>", "contract.pdf", "not a PDF, JPEG, PNG or HEIC"),
        (b"", "empty.jpg", "empty"),
        (b"%PDF-1.7\nthis is not really a pdf", "broken.pdf", "damaged"),
        (b"\xff\xd8\xff\xe0 truncated jpeg", "cut.jpg", "damaged"),
        (png_header_only(100_000, 100_000), "bomb.png", "far too large"),
    ],
    ids=["exe-renamed-jpg", "html-renamed-pdf", "empty", "broken-pdf", "broken-jpeg", "decompression-bomb"],
)
def test_bad_files_are_refused_with_a_reason(content, name, message):
    job = JobFactory()
    with pytest.raises(DomainError, match=message) as caught:
        add_document(job, "pictures", content, name)
    assert caught.value.field == "file"
    assert not Document.objects.exists()


def test_an_image_over_the_pixel_cap_is_refused_before_decoding(settings):
    settings.JOB_PHOTO_MAX_PIXELS = 1_000_000
    with pytest.raises(DomainError, match="megapixels"):
        add_document(JobFactory(), "pictures", image_bytes(1200, 1000, format="PNG"), "big.png")


def test_a_file_over_the_size_limit_is_refused(settings):
    settings.JOB_FILE_MAX_BYTES = 10_000
    with pytest.raises(DomainError, match="limit"):
        add_document(JobFactory(), "contract", pdf_bytes() + b"\n%" + b"x" * 20_000, "big.pdf")


def test_file_names_are_sanitised_and_get_the_real_extension():
    assert sanitised_file_name("../../etc/passwd.jpg", "png") == "passwd.png"
    assert sanitised_file_name("C:\\Users\\me\\My Contract (signed).PDF", "pdf") == "My_Contract_signed.pdf"
    assert sanitised_file_name("\x00\x1b[31m.jpg", "jpg") == "31m.jpg"
    assert sanitised_file_name("", "pdf") == "file.pdf"
    document = add_document(JobFactory(), "contract", pdf_bytes(), "../../x/<script>.pdf")
    # Stored under a random name: nothing the uploader typed decides where the file goes.
    assert document.file.name.startswith(f"jobs/{document.job_id}/")
    assert "script" not in document.file.name


def test_finance_paperwork_is_always_office_only():
    document = add_document(JobFactory(), "finance", pdf_bytes("Loan agreement"), "loan.pdf")
    assert document.office_only is True


def test_the_job_page_upload_keeps_the_entries_and_explains_a_refusal(client_as, coordinator):
    job = JobFactory()
    client = client_as(coordinator)
    response = client.post(
        reverse("jobs:document_upload", args=[job.pk]),
        {"category": "permit", "title": "Permit card", "file": upload(b"plain text", "permit.jpg")},
    )
    assert response.status_code == 400
    assert "not a PDF, JPEG, PNG or HEIC" in response.content.decode()
    assert 'value="Permit card"' in response.content.decode()

    response = client.post(
        reverse("jobs:document_upload", args=[job.pk]),
        {"category": "permit", "title": "Permit card", "file": upload(pdf_bytes("Permit"), "permit.pdf")},
    )
    assert response.status_code == 302
    document = Document.objects.get(job=job)
    assert (document.category, document.title, document.uploaded_by) == ("permit", "Permit card", coordinator)


def test_a_document_taken_out_of_the_folder_is_kept_for_the_record(coordinator):
    document = add_document(JobFactory(), "other", pdf_bytes(), "wrong.pdf")
    services.document_remove(document=document, by=coordinator)
    document.refresh_from_db()
    assert document.removed_by == coordinator
    assert document.history.count() == 2
