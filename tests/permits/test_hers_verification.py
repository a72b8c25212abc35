"""HERS: the rater, the tests booked, each result; a failure books a "failed HERS" job and a re-test."""

from datetime import date

import pytest

from installops.errors import DomainError
from jobs.choices import JobKind, JobStatus
from permits.choices import HersStatus, HersTestKind, HersTestResult, Title24Trigger
from permits.models import HersVerification
from permits.services import hers_rater_set, hers_test_record_result, hers_tests_schedule
from tests.jobs.factories import JobFactory
from tests.permits.factories import Title24ScopeFactory

pytestmark = pytest.mark.django_db
K = HersTestKind


@pytest.fixture
def job(salesperson):
    job = JobFactory(salesperson=salesperson, title24=True)
    Title24ScopeFactory(job=job, trigger=Title24Trigger.CHANGE_OUT, hers_required=True)
    return job


def booked(job, by, kinds=(K.DUCT_LEAKAGE, K.REFRIGERANT_CHARGE)):
    hers_rater_set(
        job=job, rater_company="Valley HERS Raters", rater_name="Dana Cole", registry="calcerts",
        registry_ids="PRJ-1182", by=by,
    )  # fmt: skip
    return hers_tests_schedule(job=job, scheduled_on=date(2026, 3, 4), kinds=list(kinds), by=by)


def test_the_rater_and_the_tests_are_booked_on_one_open_verification(job, coordinator):
    first = hers_rater_set(job=job, rater_company="Valley HERS Raters", rater_name="", by=coordinator)
    verification = booked(job, coordinator)
    assert verification.pk == first.pk
    assert (verification.status, verification.scheduled_on) == (HersStatus.SCHEDULED, date(2026, 3, 4))
    assert sorted(verification.tests.values_list("kind", "result")) == [
        (K.DUCT_LEAKAGE, HersTestResult.PENDING),
        (K.REFRIGERANT_CHARGE, HersTestResult.PENDING),
    ]
    # Re-scheduling with another list adds and drops tests still pending.
    hers_tests_schedule(job=job, scheduled_on=date(2026, 3, 5), kinds=[K.DUCT_LEAKAGE, K.AIRFLOW], by=coordinator)
    assert sorted(verification.tests.values_list("kind", flat=True)) == [K.AIRFLOW, K.DUCT_LEAKAGE]
    assert HersVerification.objects.filter(job=job).count() == 1
    assert verification.history.latest().history_user == coordinator


def test_the_rater_needs_a_company_and_the_schedule_needs_tests(job, coordinator):
    with pytest.raises(DomainError) as refusal:
        hers_rater_set(job=job, rater_company="  ", rater_name="Dana", by=coordinator)
    assert refusal.value.field == "rater_company"
    with pytest.raises(DomainError) as refusal:
        hers_tests_schedule(job=job, scheduled_on=date(2026, 3, 4), kinds=[], by=coordinator)
    assert refusal.value.field == "kinds"
    assert not HersVerification.objects.filter(job=job).exists()


def test_no_hers_where_the_scope_says_none(coordinator):
    job = JobFactory()
    Title24ScopeFactory(job=job, trigger=Title24Trigger.NONE, hers_required=False)
    with pytest.raises(DomainError, match="needs no HERS"):
        hers_rater_set(job=job, rater_company="Valley", rater_name="", by=coordinator)
    with pytest.raises(DomainError, match="on the install"):
        hers_rater_set(job=JobFactory(kind=JobKind.WARRANTY), rater_company="Valley", rater_name="", by=coordinator)


def test_results_need_a_scheduled_visit_and_a_booked_test(job, coordinator):
    with pytest.raises(DomainError, match="Schedule the rater"):
        hers_test_record_result(job=job, kind=K.AIRFLOW, result=HersTestResult.PASSED, by=coordinator)
    booked(job, coordinator)
    with pytest.raises(DomainError, match="Airflow is not booked"):
        hers_test_record_result(job=job, kind=K.AIRFLOW, result=HersTestResult.PASSED, by=coordinator)
    with pytest.raises(DomainError, match="passed or failed"):
        hers_test_record_result(job=job, kind=K.DUCT_LEAKAGE, result=HersTestResult.PENDING, by=coordinator)


@pytest.mark.company_time("2026-03-04 23:30")
def test_all_passed_settles_the_verification_on_the_company_day(job, coordinator):
    booked(job, coordinator)
    verification = hers_test_record_result(
        job=job, kind=K.DUCT_LEAKAGE, result=HersTestResult.PASSED, reading="4.1%", by=coordinator
    )
    assert verification.status == HersStatus.SCHEDULED  # one test still to come
    verification = hers_test_record_result(
        job=job, kind=K.REFRIGERANT_CHARGE, result=HersTestResult.PASSED, by=coordinator
    )
    assert (verification.status, verification.result_on) == (HersStatus.PASSED, date(2026, 3, 4))
    assert verification.failed_hers_job is None
    assert not hasattr(verification, "retest") or verification.retest is None


def test_a_failure_books_a_failed_hers_job_and_a_retest_of_what_failed(job, coordinator):
    booked(job, coordinator)
    hers_test_record_result(job=job, kind=K.DUCT_LEAKAGE, result=HersTestResult.FAILED, reading="9.8%", by=coordinator)
    verification = hers_test_record_result(
        job=job, kind=K.REFRIGERANT_CHARGE, result=HersTestResult.PASSED, by=coordinator
    )
    assert verification.status == HersStatus.FAILED

    fix = verification.failed_hers_job
    assert (fix.kind, fix.status, fix.original_job, fix.site, fix.customer) == (
        JobKind.FAILED_HERS, JobStatus.SOLD, job, job.site, job.customer,
    )  # fmt: skip
    assert fix.salesperson == job.salesperson
    assert "Duct leakage (9.8%)" in fix.description
    assert fix.status_changes.get().changed_by == coordinator

    retest = HersVerification.objects.get(retest_of=verification)
    assert (retest.status, retest.rater_company, retest.registry_ids) == (
        HersStatus.TO_BOOK, "Valley HERS Raters", "PRJ-1182",
    )  # fmt: skip
    assert list(retest.tests.values_list("kind", "result")) == [(K.DUCT_LEAKAGE, HersTestResult.PENDING)]
    # All in the history: each test's result, the failure and the re-test.
    reasons = list(verification.history.values_list("history_change_reason", flat=True))
    assert any(reason and reason.startswith("HERS failed") for reason in reasons)
    assert retest.history.get().history_user == coordinator

    # The re-test is booked and passes: HERS is done.
    hers_tests_schedule(job=job, scheduled_on=date(2026, 3, 20), kinds=[K.DUCT_LEAKAGE], by=coordinator)
    retest = hers_test_record_result(job=job, kind=K.DUCT_LEAKAGE, result=HersTestResult.PASSED, by=coordinator)
    assert retest.status == HersStatus.PASSED


def test_a_visit_date_outside_the_window_is_refused(job, coordinator):
    with pytest.raises(DomainError) as refusal:
        hers_tests_schedule(job=job, scheduled_on=date(2090, 1, 1), kinds=[K.AIRFLOW], by=coordinator)
    assert refusal.value.field == "scheduled_on"
    assert not HersVerification.objects.filter(job=job).exists()
