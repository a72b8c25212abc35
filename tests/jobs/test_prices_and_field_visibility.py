"""Nobody sees what isn't theirs: prices only with `jobs.view_job_prices`, contracts and rebate forms
only in the office folder, and field staff only the jobs they are booked on."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import dateformat, timezone
from pypdf import PdfReader

from field import services as field_services
from jobs.choices import JobStatus
from jobs.models import InstalledEquipment
from scheduling.choices import VisitStatus
from scheduling.models import Timecard
from tests.jobs.factories import FinanceCompanyFactory, JobFactory
from tests.jobs.files import add_document, image_bytes, pdf_bytes
from tests.scheduling.factories import VisitFactory

# The visits are booked from "now": a fixed morning, so the dates the pages show are known.
pytestmark = [pytest.mark.django_db, pytest.mark.company_time("10:00")]

PRICE = "14,250.00"


@pytest.fixture
def job(installer, salesperson):
    """A financed job sold by the salesperson, booked on the installer's crew, with priced paperwork."""
    job = JobFactory(
        salesperson=salesperson,
        contract_amount=Decimal("14250.00"),
        finance_company=FinanceCompanyFactory(name="GreenSky"),
        finance_approved_amount=Decimal("9000.00"),
        rebates_note="TECH Clean California rebate: $1,000",
        customer__name="Helen Garcia",
    )
    job.visit = VisitFactory(job=job, crew=installer.crew, status=VisitStatus.COMPLETED)
    job.photo = add_document(job, "pictures", image_bytes(), "unit.jpg", title="Old unit")
    job.permit = add_document(job, "permit", pdf_bytes("Building permit B-2291"), "permit.pdf", title="Permit")
    job.contract = add_document(
        job, "contract", pdf_bytes("Installation contract total $14,250.00"), "contract.pdf", title="Signed contract"
    )
    # A contract photographed on the kitchen table: its thumbnail is the price too.
    job.contract_photo = add_document(job, "contract", image_bytes(), "contract.jpg", title="Contract photo")
    job.rebate = add_document(job, "rebate", pdf_bytes("Rebate claim, invoice $14,250.00"), "rebate.pdf")
    job.loan = add_document(job, "finance", pdf_bytes("GreenSky loan $9,000.00"), "loan.pdf", title="Loan")
    InstalledEquipment.objects.create(job=job, kind="furnace", model_number="59SC5", serial_number="SN-4411")
    Timecard.objects.create(visit=job.visit, employee=installer.employee, hours=Decimal("7.50"))
    return job


def text_of(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


# ---------------------------------------------------------------- prices


@pytest.mark.parametrize(
    ("role", "sees_prices"),
    [("coordinator", True), ("accounting", True), ("salesperson", True), ("installer", False)],
)
def test_prices_show_only_to_roles_that_may_see_them(request, client_as, job, role, sees_prices):
    client = client_as(request.getfixturevalue(role))
    pages = {
        "job list": text_of(client, reverse("jobs:job_list")),
        "job list (htmx)": client.get(reverse("jobs:job_list"), headers={"HX-Request": "true"}).content.decode(),
        "job page": text_of(client, job.get_absolute_url()),
        "visits panel": text_of(client, reverse("scheduling:job_visits_panel", args=[job.pk])),
        "folder panel": text_of(client, reverse("field:job_folder_panel", args=[job.pk])),
    }
    assert job.number in pages["job list"]
    for name, page in pages.items():
        if name in ("job list", "job list (htmx)", "job page"):
            assert (PRICE in page) == sees_prices, name
        if not sees_prices:
            assert PRICE not in page, name
            assert "9,000.00" not in page, name
            assert "TECH Clean California" not in page, name
            assert ">Contract<" not in page, name


def test_field_staff_see_no_dollar_sign_on_their_job_pages(client_as, installer, job):
    client = client_as(installer)
    for url in [
        reverse("jobs:job_list"),
        job.get_absolute_url(),
        reverse("scheduling:job_visits_panel", args=[job.pk]),
        reverse("field:job_folder_panel", args=[job.pk]),
        reverse("field:visit_detail", args=[job.visit.pk]),
    ]:
        assert "$" not in text_of(client, url).replace("$(", ""), url


def test_the_field_folder_pdf_has_no_price_and_no_priced_paperwork(
    client_as, installer, coordinator, job, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        render = field_services.job_folder_request_render(job=job, by=coordinator)
    render.refresh_from_db()
    assert render.status == "done", render.error
    client = client_as(installer)
    download = reverse("field:job_folder_download", args=[render.pk])
    for url in [download, reverse("field:job_folder_latest", args=[job.pk])]:
        response = client.get(url)
        assert response.status_code == 200
        text = pdf_text(b"".join(response.streaming_content))
        assert "Building permit B-2291" in text  # the field's paperwork is there
        assert "Helen Garcia" in text
        for priced in ("14,250", "9,000", "$", "Installation contract", "Rebate claim", "loan", "TECH Clean"):
            assert priced not in text, priced


def test_the_office_folder_pdf_keeps_the_contract_and_its_price(job, coordinator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        render = field_services.job_folder_request_render(job=job, by=coordinator, audience="office")
    render.refresh_from_db()
    with render.file.open("rb") as handle:
        text = pdf_text(handle.read())
    assert "Installation contract total" in text
    assert "14,250" in text


# ---------------------------------------------------------------- office-only paperwork


@pytest.mark.parametrize("document", ["contract", "contract_photo", "rebate", "loan"])
def test_priced_paperwork_is_not_found_by_field_staff(client_as, installer, coordinator, job, document):
    pk = getattr(job, document).pk
    urls = [
        reverse("jobs:document_file", args=[job.pk, pk]),
        reverse("jobs:document_file", args=[job.pk, pk]) + "?download=1",
        reverse("jobs:document_thumbnail", args=[job.pk, pk]),
        reverse("field:visit_document", args=[job.visit.pk, pk]),
        reverse("field:visit_document_thumbnail", args=[job.visit.pk, pk]),
    ]
    for url in urls:
        assert client_as(installer).get(url).status_code == 404, url
    assert client_as(coordinator).get(reverse("jobs:document_file", args=[job.pk, pk])).status_code == 200


def test_the_field_folder_lists_no_priced_paperwork(client_as, installer, job):
    page = text_of(client_as(installer), job.get_absolute_url())
    assert "Old unit" in page
    assert "Permit" in page
    for title in ("Signed contract", "Contract photo", "Loan"):
        assert title not in page, title
    for document in (job.contract, job.contract_photo, job.rebate, job.loan):
        assert reverse("jobs:document_file", args=[job.pk, document.pk]) not in page


def test_the_upload_form_says_what_field_staff_never_see(client_as, installer, coordinator, job):
    for user in (installer, coordinator):
        page = text_of(client_as(user), job.get_absolute_url())
        assert "Contract, Finance paperwork and Rebate forms stay in the office folder" in page
    installer_page = text_of(client_as(installer), job.get_absolute_url())
    assert '<option value="contract"' not in installer_page
    assert '<option value="rebate"' not in installer_page


def test_installers_cannot_file_a_contract(client_as, installer, job):
    from tests.jobs.files import upload

    response = client_as(installer).post(
        reverse("jobs:document_upload", args=[job.pk]), {"category": "contract", "file": upload(pdf_bytes(), "c.pdf")}
    )
    assert response.status_code == 400
    assert job.documents.filter(category="contract").count() == 2


# ---------------------------------------------------------------- which jobs field staff see


def test_the_primary_tech_alone_does_not_see_a_job_nobody_booked_them_on(client_as, installer):
    job = JobFactory(primary_tech=installer)
    client = client_as(installer)
    assert job.number not in text_of(client, reverse("jobs:job_list"))
    assert client.get(job.get_absolute_url()).status_code == 404
    assert client.get(reverse("field:job_folder_panel", args=[job.pk])).status_code == 404


def test_a_cancelled_job_leaves_the_crews_list(client_as, installer):
    job = VisitFactory(crew=installer.crew, job=JobFactory(status=JobStatus.CANCELLED)).job
    client = client_as(installer)
    assert job.number not in text_of(client, reverse("jobs:job_list"))
    assert client.get(job.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("status", [VisitStatus.CANCELLED, VisitStatus.RESCHEDULED])
def test_a_visit_taken_away_from_the_crew_takes_the_job_with_it(client_as, installer, other_installer, status):
    visit = VisitFactory(crew=installer.crew, status=status)
    VisitFactory(crew=other_installer.crew, job=visit.job)
    assert client_as(installer).get(visit.job.get_absolute_url()).status_code == 404
    assert client_as(other_installer).get(visit.job.get_absolute_url()).status_code == 200


def test_the_crews_past_installs_stay_visible(client_as, installer):
    job = JobFactory(status=JobStatus.CLOSED)
    VisitFactory(crew=installer.crew, job=job, status=VisitStatus.CLOSED_OUT)
    VisitFactory(crew=installer.crew, job=job, status=VisitStatus.CANCELLED)
    client = client_as(installer)
    assert job.number in text_of(client, reverse("jobs:job_list"))
    assert client.get(job.get_absolute_url()).status_code == 200


def test_a_technician_booked_alone_sees_the_job(client_as, installer):
    visit = VisitFactory(crew=None, technician=installer.employee)
    assert client_as(installer).get(visit.job.get_absolute_url()).status_code == 200


def test_a_salesperson_still_sees_the_jobs_they_sold_once_cancelled(client_as, salesperson):
    job = JobFactory(salesperson=salesperson, status=JobStatus.CANCELLED)
    assert client_as(salesperson).get(job.get_absolute_url()).status_code == 200


# ---------------------------------------------------------------- accounting and sales


def test_accounting_sees_the_hours_and_serials_it_invoices(client_as, accounting, job):
    client = client_as(accounting)
    panel = text_of(client, reverse("scheduling:job_visits_panel", args=[job.pk]))
    assert 'data-testid="job-timecards"' in panel
    assert "7.50" in panel
    assert "Crew Ortega" in panel
    assert "SN-4411" in text_of(client, job.get_absolute_url())


def test_the_crew_does_not_get_the_timecards(client_as, installer, job):
    panel = text_of(client_as(installer), reverse("scheduling:job_visits_panel", args=[job.pk]))
    assert "job-timecards" not in panel
    assert "7.50" not in panel


def test_the_salesperson_sees_the_install_date_read_only(client_as, salesperson, job):
    page = text_of(client_as(salesperson), job.get_absolute_url())
    assert reverse("scheduling:job_visits_panel", args=[job.pk]) in page
    panel = text_of(client_as(salesperson), reverse("scheduling:job_visits_panel", args=[job.pk]))
    assert dateformat.format(timezone.localtime(job.visit.starts_at), "D M j, g:i a") in panel
    assert 'data-testid="job-visit"' in panel
    assert job.visit.get_absolute_url() not in panel  # no link to the office's visit page
    assert "Book a visit" not in panel
    assert "job-timecards" not in panel
    assert client_as(salesperson).get(job.visit.get_absolute_url()).status_code == 403


def test_a_salesperson_does_not_see_another_salespersons_visits(client_as, salesperson, installer):
    theirs = VisitFactory(crew=installer.crew, job=JobFactory())
    response = client_as(salesperson).get(reverse("scheduling:job_visits_panel", args=[theirs.job.pk]))
    assert response.status_code == 404
