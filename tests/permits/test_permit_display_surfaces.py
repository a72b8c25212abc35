"""The job's permit number (or its status before it is issued) wherever the office and the crews look:
the board's block, the job page and list, the work order, the phone's visit page and the folder PDF.
The fee shows on none of them."""

import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from pypdf import PdfReader

from field import selectors as field_selectors
from field import services as field_services
from permits.choices import PermitStatus
from permits.selectors import PermitSummary, permit_summary_for_job, permit_summary_for_jobs
from tests.jobs.factories import JobFactory
from tests.permits.factories import PermitFactory
from tests.scheduling.factories import VisitFactory, local_dt

pytestmark = pytest.mark.django_db

TUESDAY = date(2026, 12, 1)
FEE = Decimal("987.65")


def issued(job, number="B24-0193"):
    return PermitFactory(
        job=job, status=PermitStatus.ISSUED, number=number, issued_on=TUESDAY - timedelta(days=3), fee=FEE
    )


@pytest.fixture
def job(installer, salesperson):
    job = JobFactory(salesperson=salesperson, customer__name="Helen Garcia")
    VisitFactory(job=job, crew=installer.crew, starts_at=local_dt(TUESDAY, 8), ends_at=local_dt(TUESDAY, 12))
    return job


def test_the_summary_reads_the_number_once_issued_else_the_status():
    assert PermitSummary(status=PermitStatus.ISSUED, number="B24-1").text == "B24-1"
    assert PermitSummary(status=PermitStatus.FINALED, number="B24-1").text == "B24-1 (finaled)"
    assert PermitSummary(status=PermitStatus.APPLIED, number="").text == "applied"
    assert PermitSummary(status=PermitStatus.TO_APPLY, number="").text == "to apply"


def test_only_the_live_permit_counts(job):
    PermitFactory(job=job, status=PermitStatus.REJECTED, number="OLD-1", status_reason="Wrong address")
    other = JobFactory()
    assert permit_summary_for_job(job_id=job.pk) is None
    issued(job)
    PermitFactory(job=other, status=PermitStatus.APPLIED)
    summaries = permit_summary_for_jobs(job_ids=[job.pk, other.pk, JobFactory().pk])
    assert summaries == {
        job.pk: PermitSummary(status=PermitStatus.ISSUED, number="B24-0193"),
        other.pk: PermitSummary(status=PermitStatus.APPLIED, number=""),
    }


def board_html(client) -> str:
    response = client.get(reverse("scheduling:board"), {"date": TUESDAY.isoformat()})
    assert response.status_code == 200
    return response.content.decode()


def test_the_board_block_shows_the_number_or_the_status(client_as, coordinator, installer, job):
    applied_job = JobFactory(customer__name="Omar Haddad")
    VisitFactory(job=applied_job, crew=installer.crew, starts_at=local_dt(TUESDAY, 13), ends_at=local_dt(TUESDAY, 16))
    PermitFactory(job=applied_job, status=PermitStatus.APPLIED)
    no_permit = JobFactory(customer__name="Ruth Lee")
    VisitFactory(job=no_permit, crew=installer.crew, starts_at=local_dt(TUESDAY + timedelta(days=1), 8))
    issued(job)

    html = board_html(client_as(coordinator))
    assert '<span class="vb-permit">Permit B24-0193</span>' in html
    assert '<span class="vb-permit">Permit applied</span>' in html
    assert html.count('class="vb-permit"') == 2
    assert str(FEE) not in html


def test_the_number_is_escaped_on_the_board(client_as, coordinator, job):
    issued(job, number="<b>B24</b>")
    html = board_html(client_as(coordinator))
    assert "Permit &lt;b&gt;B24&lt;/b&gt;" in html
    assert "<b>B24</b>" not in html


def test_the_job_page_header_shows_the_permit_to_everyone_who_may_open_the_job(
    client_as, coordinator, accounting, installer, salesperson, job
):
    PermitFactory(job=job, status=PermitStatus.APPLIED, fee=FEE)
    for user in (coordinator, accounting, installer, salesperson):
        page = client_as(user).get(reverse("jobs:job_detail", args=[job.pk])).content.decode()
        assert "Permit applied" in page, user
        assert "987.65" not in page, user


def test_the_job_page_shows_the_number_once_issued(client_as, installer, job):
    issued(job)
    page = client_as(installer).get(reverse("jobs:job_detail", args=[job.pk])).content.decode()
    assert "Permit B24-0193" in page
    assert "987.65" not in page


def test_the_job_list_has_a_permit_column(client_as, salesperson, job):
    issued(job)
    JobFactory(salesperson=salesperson, customer__name="No Permit Yet")
    response = client_as(salesperson).get(reverse("jobs:job_list"))
    page = response.content.decode()
    assert "<th>Permit</th>" in page
    assert '<td class="fact-permit">B24-0193</td>' in page
    assert '<td class="fact-permit">—</td>' in page


def test_the_work_order_shows_the_permit(client_as, installer, salesperson, job):
    issued(job)
    visit = job.visits.get()
    for url, user in (
        (reverse("field:visit_work_order", args=[visit.pk]), installer),
        (reverse("field:job_work_order", args=[job.pk]), salesperson),
    ):
        page = client_as(user).get(url).content.decode()
        assert "<th>Permit</th><td>B24-0193</td>" in page
        assert "987.65" not in page


def test_the_work_order_pdf_carries_the_permit_number(client_as, coordinator, job):
    PermitFactory(job=job, status=PermitStatus.APPLIED, fee=FEE)
    response = client_as(coordinator).get(reverse("field:job_work_order_pdf", args=[job.pk]))
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Permit Applied" in text


def test_the_phone_visit_page_shows_the_permit(client_as, installer, job):
    issued(job)
    visit = job.visits.get()
    page = client_as(installer).get(reverse("field:visit_detail", args=[visit.pk])).content.decode()
    assert '<span data-testid="permit">Permit B24-0193</span>' in page
    assert "987.65" not in page


def test_the_folder_pdf_shows_the_number_and_renders_again_when_it_comes_in(
    job, coordinator, django_capture_on_commit_callbacks
):
    permit = PermitFactory(job=job, status=PermitStatus.APPLIED, fee=FEE)
    before = field_selectors.job_folder_fingerprint(job=job, audience="field")
    permit.status, permit.number, permit.issued_on = PermitStatus.ISSUED, "B24-0193", TUESDAY
    permit.save()
    assert field_selectors.job_folder_fingerprint(job=job, audience="field") != before

    with django_capture_on_commit_callbacks(execute=True):
        render = field_services.job_folder_request_render(job=job, by=coordinator)
    render.refresh_from_db()
    assert render.status == "done", render.error
    with render.file.open("rb") as handle:
        text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(handle.read())).pages)
    # On the cover and on the work order.
    assert text.count("B24-0193") == 2
    assert "987.65" not in text
