"""The job page's Title 24 & HERS panel: who sees it, who acts, forms that keep what was typed."""

from datetime import date

import pytest
from django.urls import reverse

from installops.clock import company_today
from jobs.choices import DocumentCategory, JobStatus
from jobs.models import Customer, Job, Site
from permits.choices import HersStatus, HersTestKind, HersTestResult, Title24FormKind, Title24Trigger
from permits.models import HersTest, HersVerification, Title24Form, Title24Scope
from tests.jobs.factories import JobFactory
from tests.jobs.files import image_bytes, upload
from tests.lifecycle_facts import job_with_facts
from tests.notifications.factories import visit_on
from tests.permits.factories import Title24FormFactory, Title24ScopeFactory

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def job(installer, salesperson):
    job = JobFactory(salesperson=salesperson, title24=True)
    visit_on(crew=installer.crew, job=job)
    return job


def panel(client, job):
    return client.get(reverse("permits:job_title24", args=[job.pk]))


def test_the_office_sees_the_scope_the_cycle_and_exactly_what_is_missing(client_as, coordinator, job):
    Title24ScopeFactory(job=job, trigger=Title24Trigger.BOTH, duct_feet_altered=65)
    Title24FormFactory(job=job, kind=Title24FormKind.CF1R, registry_id="CF1R-0042")
    content = panel(client_as(coordinator), job).content.decode()
    assert "Change-out and ducts altered" in content
    assert "65 ft of duct altered" in content
    assert "Code cycle <strong>2025</strong>" in content or "Code cycle <strong>2022</strong>" in content
    assert "CalCERTS CF1R-0042" in content
    assert "CF1R (certificate of compliance) — no document" in content
    assert "CF2R (installer&#x27;s certificate of installation) — no registry id" in content
    assert "HERS verification — no rater booked" in content
    assert "Save scope" in content
    assert "Record form" in content
    assert "Save rater" in content


def test_the_coordinator_sets_the_scope_by_htmx(client_as, coordinator, job):
    client = client_as(coordinator)
    data = {"scope-change_out": "on", "scope-duct_feet_altered": "10", "scope-hers_required": "on"}
    response = client.post(reverse("permits:title24_scope_set", args=[job.pk]), data, **HTMX)
    assert response.status_code == 200
    assert "Title 24 scope saved." in response.content.decode()
    scope = Title24Scope.objects.get(job=job)
    assert (scope.trigger, scope.duct_feet_altered, scope.decided_by) == (Title24Trigger.CHANGE_OUT, 10, coordinator)


def test_bad_input_redisplays_with_the_entries_kept(client_as, coordinator, job):
    client = client_as(coordinator)
    data = {"scope-change_out": "on", "scope-duct_feet_altered": "lots", "scope-note": "Attic run"}
    response = client.post(reverse("permits:title24_scope_set", args=[job.pk]), data, **HTMX)
    content = response.content.decode()
    assert response.status_code == 200  # htmx swaps only a 200
    assert "Enter a whole number." in content
    assert 'value="lots"' in content
    assert "Attic run" in content
    assert not Title24Scope.objects.filter(job=job).exists()
    # A plain post (no htmx) is told 400.
    assert client.post(reverse("permits:title24_scope_set", args=[job.pk]), data).status_code == 400


def test_a_form_is_recorded_with_its_document_and_a_taken_registry_id_is_refused(client_as, coordinator, job):
    Title24ScopeFactory(job=job)
    client = client_as(coordinator)
    url = reverse("permits:title24_form_record", args=[job.pk])
    data = {
        "t24form-kind": "cf2r", "t24form-registry": "cheers", "t24form-registry_id": "CH-778812",
        "t24form-document": upload(image_bytes(200, 150), "cf2r.jpg"),
    }  # fmt: skip
    response = client.post(url, data, **HTMX)
    assert "Title 24 form recorded." in response.content.decode()
    form = Title24Form.objects.get(job=job, kind=Title24FormKind.CF2R)
    assert (form.registry, form.registry_id, form.recorded_by) == ("cheers", "CH-778812", coordinator)
    assert form.document.category == DocumentCategory.TITLE24
    assert "CF2R (installer&#x27;s certificate of installation) — no" not in response.content.decode()

    other = JobFactory()
    Title24ScopeFactory(job=other)
    data = {"t24form-kind": "cf2r", "t24form-registry": "cheers", "t24form-registry_id": "CH-778812"}
    response = client.post(reverse("permits:title24_form_record", args=[other.pk]), data, **HTMX)
    content = response.content.decode()
    assert f"CHEERS id CH-778812 is already the CF2R of job {job.number}." in content
    assert 'value="CH-778812"' in content
    assert not Title24Form.objects.filter(job=other).exists()


def test_a_refused_file_is_an_error_on_the_document(client_as, coordinator, job):
    Title24ScopeFactory(job=job)
    data = {
        "t24form-kind": "cf1r", "t24form-registry": "calcerts", "t24form-registry_id": "CC-1",
        "t24form-document": upload(b"#!/bin/sh\necho hi\n", "cf1r.pdf"),
    }  # fmt: skip
    response = client_as(coordinator).post(reverse("permits:title24_form_record", args=[job.pk]), data, **HTMX)
    assert response.status_code == 200
    assert 'id="error_1_id_t24form-document"' in response.content.decode() or "invalid-feedback" in (
        response.content.decode()
    )
    assert not Title24Form.objects.filter(job=job).exists()


def test_the_installer_sees_the_status_and_files_only_the_cf2r(client_as, installer, other_installer, job):
    Title24ScopeFactory(job=job)
    client = client_as(installer)
    content = panel(client, job).content.decode()
    assert "CF2R (installer&#x27;s certificate of installation)" in content
    assert "Save scope" not in content
    assert "Save rater" not in content
    assert '<option value="cf2r"' in content
    assert '<option value="cf1r"' not in content

    url = reverse("permits:title24_form_record", args=[job.pk])
    refused = client.post(url, {"t24form-kind": "cf1r", "t24form-registry": "cheers", "t24form-registry_id": "X1"})
    assert refused.status_code == 400
    client.post(url, {"t24form-kind": "cf2r", "t24form-registry": "cheers", "t24form-registry_id": "X1"})
    assert Title24Form.objects.get(job=job).kind == Title24FormKind.CF2R
    assert panel(client_as(other_installer), job).status_code == 404


@pytest.mark.parametrize("role", ["accounting", "salesperson"])
def test_accounting_and_sales_view_without_forms(request, client_as, job, role):
    Title24ScopeFactory(job=job)
    response = panel(client_as(request.getfixturevalue(role)), job)
    content = response.content.decode()
    assert response.status_code == 200
    assert "Equipment change-out" in content
    assert "<form" not in content


def test_hers_is_booked_and_a_failure_names_the_failed_hers_job(client_as, coordinator, job):
    Title24ScopeFactory(job=job)
    client = client_as(coordinator)
    client.post(
        reverse("permits:hers_rater_set", args=[job.pk]),
        {"rater-rater_company": "Valley HERS Raters", "rater-rater_name": "Dana Cole"}, **HTMX,
    )  # fmt: skip
    response = client.post(
        reverse("permits:hers_tests_schedule", args=[job.pk]),
        {"schedule-scheduled_on": company_today().isoformat(), "schedule-kinds": ["duct_leakage"]}, **HTMX,
    )  # fmt: skip
    assert "HERS visit scheduled." in response.content.decode()
    assert "Record a result" in response.content.decode()
    response = client.post(
        reverse("permits:hers_test_result", args=[job.pk]),
        {"result-kind": "duct_leakage", "result-result": "failed", "result-reading": "11%"}, **HTMX,
    )  # fmt: skip
    failed = HersVerification.objects.get(job=job, status=HersStatus.FAILED)
    assert f"HERS failed: {failed.failed_hers_job.number} is ready to book" in response.content.decode()
    assert "HERS re-test — not scheduled" in response.content.decode()


def test_the_job_page_says_which_form_invoiced_waits_for(client_as, accounting, salesperson, installer):
    job = job_with_facts(JobStatus.INSPECTED, salesperson=salesperson)
    Title24ScopeFactory(job=job, hers_required=False)
    content = client_as(accounting).get(job.get_absolute_url()).content.decode()
    assert "CF1R (certificate of compliance) — no registry id" in content
    assert reverse("permits:job_title24", args=[job.pk]) in content


@pytest.mark.parametrize("count", [10, 5000])
def test_the_panel_runs_a_fixed_number_of_queries(client_as, coordinator, django_assert_max_num_queries, count):
    job = JobFactory(title24=True)
    Title24ScopeFactory(job=job)
    Title24FormFactory(job=job, kind=Title24FormKind.CF1R)
    past = HersVerification.objects.bulk_create(
        [HersVerification(job=job, status=HersStatus.CANCELLED, rater_company=f"Rater {n}") for n in range(count)]
    )
    HersTest.objects.bulk_create(
        [HersTest(verification=v, kind=HersTestKind.AIRFLOW, result=HersTestResult.FAILED) for v in past]
    )
    customer = Customer.objects.create(name="Bulk")
    site = Site.objects.create(customer=customer, street="1 Main", city="Fresno", zip_code="93711")
    others = Job.objects.bulk_create(
        [Job(number=f"B{n:06d}", customer=customer, site=site, sold_on=date(2026, 1, 5)) for n in range(count)]
    )
    Title24Scope.objects.bulk_create([Title24Scope(job=o, trigger=Title24Trigger.CHANGE_OUT) for o in others])
    Title24Form.objects.bulk_create(
        [Title24Form(job=o, kind="cf1r", registry="calcerts", registry_id=f"R{o.pk}") for o in others]
    )
    client = client_as(coordinator)
    with django_assert_max_num_queries(12):
        response = panel(client, job)
    assert response.status_code == 200
    assert response.content.decode().count('data-testid="hers-verification"') == count


def test_the_crew_finds_the_panel_on_its_jobs_page(client_as, installer, job):
    content = client_as(installer).get(job.get_absolute_url()).content.decode()
    assert reverse("permits:job_title24", args=[job.pk]) in content
