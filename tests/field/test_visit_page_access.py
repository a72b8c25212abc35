"""An installer reaches only their own crew's visits and files; everything else is a 404."""

import pytest
from django.urls import reverse

from tests.jobs.factories import JobFactory
from tests.jobs.files import add_document, image_bytes, pdf_bytes, upload
from tests.scheduling.factories import VisitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def visit(installer):
    visit = VisitFactory(job=JobFactory(customer__name="Linda Lopez"), crew=installer.crew)
    visit.photo = add_document(visit.job, "pictures", image_bytes(), "unit.jpg")
    visit.contract = add_document(visit.job, "contract", pdf_bytes("Contract"), "contract.pdf")
    visit.loan = add_document(visit.job, "finance", pdf_bytes("Loan"), "loan.pdf", title="Loan agreement")
    visit.permit = add_document(visit.job, "permit", pdf_bytes("Permit"), "permit.pdf")
    return visit


def visit_urls(visit):
    return [
        reverse("field:visit_detail", args=[visit.pk]),
        reverse("field:visit_signoff", args=[visit.pk]),
        reverse("field:visit_work_order", args=[visit.pk]),
        reverse("field:visit_confirmation_sheet", args=[visit.pk]),
        reverse("field:visit_document", args=[visit.pk, visit.photo.pk]),
        reverse("field:visit_document_thumbnail", args=[visit.pk, visit.photo.pk]),
        reverse("field:visit_document", args=[visit.pk, visit.permit.pk]),
    ]


def test_the_crew_opens_its_visit_and_field_folder(client_as, installer, visit):
    client = client_as(installer)
    for url in visit_urls(visit):
        assert client.get(url).status_code == 200, url
    page = client.get(reverse("field:visit_detail", args=[visit.pk])).content.decode()
    assert "Linda Lopez" in page
    assert 'capture="environment"' in page
    assert 'accept="image/*"' in page
    assert "Loan agreement" not in page


@pytest.mark.parametrize("document", ["loan", "contract"])
def test_finance_paperwork_and_contracts_never_reach_the_phone(client_as, installer, coordinator, visit, document):
    url = reverse("field:visit_document", args=[visit.pk, getattr(visit, document).pk])
    assert client_as(installer).get(url).status_code == 404
    # Not even for the office: the phone view is the field folder.
    assert client_as(coordinator).get(url).status_code == 404
    page = client_as(installer).get(reverse("field:visit_detail", args=[visit.pk])).content.decode()
    assert reverse("field:visit_document", args=[visit.pk, getattr(visit, document).pk]) not in page


def test_another_crews_installer_gets_404_everywhere(client_as, other_installer, visit):
    client = client_as(other_installer)
    for url in visit_urls(visit):
        assert client.get(url).status_code == 404, url
    posts = {
        "field:visit_status": {"to_status": "on_my_way", "client_uuid": "6f1f3f5e-8d1c-4b8e-9a44-0d2a7c1e9b10"},
        "field:visit_note": {"text": "hello", "client_uuid": "7f1f3f5e-8d1c-4b8e-9a44-0d2a7c1e9b10"},
        "field:visit_photo": {"file": upload(image_bytes(), "x.jpg")},
        "field:visit_equipment": {"kind": "furnace", "model_number": "M", "serial_number": "S"},
        "field:visit_inspection": {"kind": "final", "client_uuid": "8f1f3f5e-8d1c-4b8e-9a44-0d2a7c1e9b10"},
    }
    for name, data in posts.items():
        assert client.post(reverse(name, args=[visit.pk]), data).status_code == 404, name
    visit.refresh_from_db()
    assert visit.status == "scheduled"
    assert visit.job.documents.count() == 4


def test_another_crews_visit_on_the_same_job_stays_hidden(client_as, installer, other_installer, visit):
    theirs = VisitFactory(job=visit.job, crew=other_installer.crew)
    assert client_as(installer).get(reverse("field:visit_detail", args=[theirs.pk])).status_code == 404


def test_office_staff_may_open_any_visit_page(client_as, coordinator, visit):
    assert client_as(coordinator).get(reverse("field:visit_detail", args=[visit.pk])).status_code == 200


def test_salespeople_do_not_get_the_phone_view(client_as, salesperson, visit):
    client = client_as(salesperson)
    # Visits are not part of their role at all: 403 whichever visit, so it confirms nothing.
    assert client.get(reverse("field:visit_detail", args=[visit.pk])).status_code == 403
    assert client.get(reverse("field:my_day")).status_code == 403


def test_signed_out_visitors_are_sent_to_sign_in(client, visit):
    for url in visit_urls(visit):
        response = client.get(url)
        assert response.status_code == 302, url
        assert "/login/" in response["Location"], url


def test_the_visit_page_runs_a_constant_number_of_queries(client_as, installer, visit, django_assert_max_num_queries):
    client = client_as(installer)
    url = reverse("field:visit_detail", args=[visit.pk])
    with django_assert_max_num_queries(25) as small:
        client.get(url)
    for number in range(8):
        add_document(visit.job, "pictures", image_bytes(64, 64), f"p{number}.jpg")
        add_document(visit.job, "permit", pdf_bytes(), f"d{number}.pdf")
    with django_assert_max_num_queries(len(small.captured_queries)):
        page = client.get(url).content.decode()
    assert page.count("<img ") == 9
