"""Folder files are only served through permission checks: another crew gets a 404, never the file."""

import pytest
from django.urls import reverse

from jobs.models import Document
from tests.jobs.factories import JobFactory
from tests.jobs.files import add_document, image_bytes, pdf_bytes, upload
from tests.scheduling.factories import VisitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def folder(installer, salesperson):
    job = JobFactory(salesperson=salesperson)
    VisitFactory(job=job, crew=installer.crew)
    return {
        "job": job,
        "photo": add_document(job, "pictures", image_bytes(), "unit.jpg"),
        "contract": add_document(job, "contract", pdf_bytes("Contract"), "contract.pdf"),
        "loan": add_document(job, "finance", pdf_bytes("Loan"), "loan.pdf", title="Loan agreement"),
    }


def file_url(folder, name, thumbnail=False):
    route = "jobs:document_thumbnail" if thumbnail else "jobs:document_file"
    return reverse(route, args=[folder["job"].pk, folder[name].pk])


@pytest.mark.parametrize(
    ("role", "photo", "contract", "loan"),
    [
        ("coordinator", 200, 200, 200),
        ("accounting", 200, 200, 200),
        # Contracts carry the price: office-only by category, like finance paperwork; the salesperson
        # who sold the job keeps the deal's paperwork, the installer never.
        ("installer", 200, 404, 404),
        ("salesperson", 200, 200, 200),
        ("other_installer", 404, 404, 404),
    ],
)
def test_who_gets_which_file(request, client_as, folder, role, photo, contract, loan):
    client = client_as(request.getfixturevalue(role))
    assert client.get(file_url(folder, "photo")).status_code == photo
    assert client.get(file_url(folder, "photo", thumbnail=True)).status_code == photo
    assert client.get(file_url(folder, "contract")).status_code == contract
    assert client.get(file_url(folder, "loan")).status_code == loan


def test_files_are_served_privately_with_their_sniffed_type(client_as, coordinator, folder):
    response = client_as(coordinator).get(file_url(folder, "contract") + "?download=1")
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "private" in response["Cache-Control"]
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_signed_out_visitors_are_sent_to_sign_in(client, folder):
    response = client.get(file_url(folder, "photo"))
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_a_file_is_not_reachable_through_another_jobs_url(client_as, coordinator, folder):
    other_job = JobFactory()
    url = reverse("jobs:document_file", args=[other_job.pk, folder["photo"].pk])
    assert client_as(coordinator).get(url).status_code == 404


def test_the_installers_job_page_shows_the_field_folder_only(client_as, installer, coordinator, folder):
    page = client_as(installer).get(folder["job"].get_absolute_url()).content.decode()
    assert "Field folder" in page
    assert "unit" in page
    assert file_url(folder, "contract") not in page
    assert "Loan agreement" not in page
    office_page = client_as(coordinator).get(folder["job"].get_absolute_url()).content.decode()
    assert "Office folder" in office_page
    assert "Loan agreement" in office_page


def test_the_salespersons_job_page_lists_the_deals_paperwork(client_as, salesperson, folder):
    folder["job"].documents.filter(pk=folder["photo"].pk).update(office_only=True)
    page = client_as(salesperson).get(folder["job"].get_absolute_url()).content.decode()
    assert file_url(folder, "contract") in page
    assert "Loan agreement" in page
    # What the office flagged for itself stays in the office.
    assert file_url(folder, "photo") not in page


def test_installers_cannot_file_paperwork_as_office_only(client_as, installer, folder):
    response = client_as(installer).post(
        reverse("jobs:document_upload", args=[folder["job"].pk]),
        {"category": "finance", "file": upload(pdf_bytes(), "a.pdf")},
    )
    assert response.status_code == 400
    assert Document.objects.filter(job=folder["job"], category="finance").count() == 1


def test_only_the_office_takes_files_out_of_the_folder(client_as, installer, coordinator, folder):
    url = reverse("jobs:document_remove", args=[folder["job"].pk, folder["photo"].pk])
    assert client_as(installer).post(url).status_code == 403
    assert client_as(coordinator).post(url).status_code == 302
    folder["photo"].refresh_from_db()
    assert folder["photo"].removed_at is not None
    assert client_as(coordinator).get(file_url(folder, "photo")).status_code == 404


def test_the_job_page_folder_runs_a_constant_number_of_queries(client_as, coordinator, django_assert_max_num_queries):
    job = JobFactory()
    client = client_as(coordinator)
    for count in (2, 12):
        while job.documents.count() < count:
            add_document(job, "pictures", image_bytes(64, 64), "p.jpg")
        with django_assert_max_num_queries(30):
            assert client.get(job.get_absolute_url()).status_code == 200
