"""The job page's inspections panel: who sees it, who acts on it, refused forms keep what was typed,
and it runs a fixed number of queries however many inspections the job has."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from installops.clock import company_today
from jobs.choices import JobKind, JobStatus
from permits.choices import InspectionKind, InspectionStatus
from permits.models import Inspection
from permits.services import inspection_book, inspection_record_result, inspection_request
from tests.lifecycle_facts import job_with_facts
from tests.permits.factories import JurisdictionFactory
from tests.scheduling.factories import VisitFactory

pytestmark = pytest.mark.django_db

S = InspectionStatus
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def job(installer, salesperson):
    job = job_with_facts(JobStatus.INSTALLED, salesperson=salesperson)
    job.visits.update(crew=installer.crew)
    permit = job.permits.get()
    permit.jurisdiction = JurisdictionFactory(name="City of Clovis", inspection_windows="8–12, 12–4")
    permit.fee = "412.50"
    permit.save()
    return job


def panel_url(job) -> str:
    return reverse("permits:job_inspections", args=[job.pk])


def test_the_office_gets_the_forms_and_the_jurisdictions_windows(client_as, coordinator, job):
    inspection_request(job=job, kind=InspectionKind.FINAL, by=coordinator, note="Customer home after 10")

    html = client_as(coordinator).get(panel_url(job)).content.decode()

    assert "Customer home after 10" in html
    assert "Ask for an inspection" in html
    assert "Record the result" in html
    assert '<option value="8–12">' in html
    assert '<option value="12–4">' in html


@pytest.mark.parametrize("role", ["accounting", "salesperson", "installer"])
def test_the_others_read_the_panel_without_its_forms(request, client_as, coordinator, job, role):
    inspection = inspection_request(job=job, kind=InspectionKind.FINAL, by=coordinator)
    inspection_book(inspection=inspection, by=coordinator, scheduled_on=company_today(), window="8–12")

    response = client_as(request.getfixturevalue(role)).get(panel_url(job))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Scheduled" in html
    assert "8–12" in html
    assert "Ask for an inspection" not in html
    assert "Record the result" not in html
    assert "412" not in html  # never the permit's fee


def test_a_request_through_htmx_comes_back_in_the_panel(client_as, coordinator, job):
    response = client_as(coordinator).post(
        reverse("permits:inspection_request", args=[job.pk]),
        {"request-kind": "rough", "request-via": "customer_call", "request-note": "Side gate"},
        **HTMX,
    )

    assert response.status_code == 200
    assert 'id="job-inspections"' in response.content.decode()
    inspection = Inspection.objects.get(job=job)
    assert (inspection.kind, inspection.requested_via) == ("rough", "customer_call")
    assert inspection.request_note == "Side gate"


def test_a_refused_request_shows_why_and_keeps_the_note(client_as, coordinator, job):
    inspection_request(job=job, kind=InspectionKind.FINAL, by=coordinator)

    response = client_as(coordinator).post(
        reverse("permits:inspection_request", args=[job.pk]),
        {"request-kind": "final", "request-via": "office", "request-note": "Second try"},
        **HTMX,
    )

    html = response.content.decode()
    assert "already has a final inspection" in html
    assert "Second try" in html
    assert Inspection.objects.filter(job=job).count() == 1


def test_a_failure_without_corrections_is_refused_in_place_with_the_notes_kept(client_as, coordinator, job):
    inspection = inspection_request(job=job, kind=InspectionKind.FINAL, by=coordinator)
    inspection = inspection_book(inspection=inspection, by=coordinator, scheduled_on=company_today())
    url = reverse("permits:inspection_result", args=[inspection.pk])
    prefix = f"result-{inspection.pk}"
    data = {f"{prefix}-result": "failed", f"{prefix}-result_on": company_today().isoformat(),
            f"{prefix}-notes": "Inspector Patel", f"{prefix}-corrections": ""}  # fmt: skip

    html = client_as(coordinator).post(url, data, **HTMX).content.decode()

    assert "Write what the inspector wants corrected" in html
    assert "Inspector Patel" in html
    inspection.refresh_from_db()
    assert inspection.status == S.SCHEDULED

    # Without JavaScript: a page of its own, with the same error.
    response = client_as(coordinator).post(url, data)
    assert response.status_code == 400
    assert "Write what the inspector wants corrected" in response.content.decode()


def test_booking_then_failing_shows_the_correction_job_and_the_reinspection(client_as, coordinator, job):
    client = client_as(coordinator)
    inspection = inspection_request(job=job, kind=InspectionKind.FINAL, by=coordinator)
    day = company_today()
    prefix = f"book-{inspection.pk}"
    client.post(
        reverse("permits:inspection_book", args=[inspection.pk]),
        {f"{prefix}-scheduled_on": day.isoformat(), f"{prefix}-window": "8–12", f"{prefix}-inspector": "R. Patel"},
        **HTMX,
    )
    prefix = f"result-{inspection.pk}"
    html = client.post(
        reverse("permits:inspection_result", args=[inspection.pk]),
        {f"{prefix}-result": "failed", f"{prefix}-result_on": day.isoformat(), f"{prefix}-corrections": "Seal ducts"},
        **HTMX,
    ).content.decode()

    inspection.refresh_from_db()
    assert inspection.status == S.FAILED
    assert f"Correction job {inspection.correction_job.number}" in html
    assert "Re-inspection: to book" in html


def test_without_javascript_a_booking_goes_back_to_the_job_page(client_as, coordinator, job):
    inspection = inspection_request(job=job, kind=InspectionKind.FINAL, by=coordinator)
    prefix = f"book-{inspection.pk}"

    response = client_as(coordinator).post(
        reverse("permits:inspection_book", args=[inspection.pk]),
        {f"{prefix}-scheduled_on": (company_today() + timedelta(days=2)).isoformat()},
    )

    assert response.status_code == 302
    assert response.url == job.get_absolute_url()


def test_reconfirm_after_no_access_rebooks(client_as, coordinator, job):
    inspection = inspection_request(job=job, kind=InspectionKind.FINAL, by=coordinator)
    inspection = inspection_book(inspection=inspection, by=coordinator, scheduled_on=company_today())
    inspection_record_result(inspection=inspection, by=coordinator, result=S.NO_ACCESS, result_on=company_today())
    client = client_as(coordinator)
    assert "Reconfirm and rebook" in client.get(panel_url(job)).content.decode()

    html = client.post(
        reverse("permits:inspection_reconfirm", args=[inspection.pk]),
        {f"reconfirm-{inspection.pk}-note": "Gate code 4411"},
        **HTMX,
    ).content.decode()

    assert "Reconfirmed with the customer" in html
    assert Inspection.objects.get(job=job, status=S.TO_BOOK).request_note == "Gate code 4411"


def test_installers_see_their_jobs_inspection_results_on_the_phone(client_as, coordinator, installer, job):
    inspection = inspection_request(job=job, kind=InspectionKind.FINAL, by=coordinator)
    inspection = inspection_book(inspection=inspection, by=coordinator, scheduled_on=company_today(), window="8–12")
    inspection_record_result(inspection=inspection, by=coordinator, result=S.FAILED, result_on=company_today(),
                             corrections="Strap the water heater")  # fmt: skip
    visit = job.visits.get()

    html = client_as(installer).get(reverse("field:visit_detail", args=[visit.pk])).content.decode()

    listed = html[html.index('data-testid="job-inspections"') :]
    assert "Failed, corrections" in listed
    assert "Strap the water heater" in listed
    assert "412" not in html


def test_another_crew_does_not_see_the_inspections(client_as, other_installer, job):
    assert client_as(other_installer).get(panel_url(job)).status_code == 404


def many_inspections(job, count: int) -> None:
    """`count` finished inspections (one failed with its correction job), an open one and a no-access one."""
    day = company_today() - timedelta(days=3)
    now = timezone.now()
    correction = job_with_facts(JobStatus.SOLD, kind=JobKind.CORRECTION, original_job=job)
    rows = [
        Inspection(job=job, kind=InspectionKind.ROUGH, status=S.PASSED, scheduled_on=day, result_on=day,
                   requested_at=now - timedelta(minutes=n), window="8–12", inspector="R. Patel")
        for n in range(count - 3)
    ]  # fmt: skip
    rows.append(Inspection(job=job, kind=InspectionKind.FINAL, status=S.FAILED, scheduled_on=day, result_on=day,
                           corrections="Seal ducts", correction_job=correction))  # fmt: skip
    rows.append(Inspection(job=job, kind=InspectionKind.OTHER, status=S.NO_ACCESS, scheduled_on=day, result_on=day))
    Inspection.objects.bulk_create(rows)
    failed = Inspection.objects.get(job=job, status=S.FAILED)
    Inspection.objects.create(job=job, kind=InspectionKind.FINAL, status=S.TO_BOOK, reinspection_of=failed)


@pytest.mark.parametrize("count", [10, 5000])
def test_the_panel_runs_a_fixed_number_of_queries(client_as, coordinator, job, django_assert_max_num_queries, count):
    many_inspections(job, count)
    client = client_as(coordinator)

    with django_assert_max_num_queries(10):
        response = client.get(panel_url(job))

    assert response.status_code == 200
    assert response.content.decode().count('data-testid="inspection"') == count


@pytest.mark.parametrize("count", [10, 5000])
def test_the_phone_page_lists_inspections_in_a_fixed_number_of_queries(
    client_as, installer, job, django_assert_max_num_queries, count
):
    many_inspections(job, count)
    visit = job.visits.get()
    client = client_as(installer)
    baseline_visit = VisitFactory(job=job_with_facts(JobStatus.SCHEDULED), crew=installer.crew)
    client.get(reverse("field:visit_detail", args=[baseline_visit.pk]))  # warm the caches

    with django_assert_max_num_queries(40):
        response = client.get(reverse("field:visit_detail", args=[visit.pk]))

    assert response.status_code == 200
