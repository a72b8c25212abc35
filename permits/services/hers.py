"""HERS verification: the rater, the tests booked, their results; a failure books the fix and a re-test.

A job has at most one open verification (to book or scheduled). When the last of its tests has a
result it is settled: all passed, or failed — then a "failed HERS" service call goes back to the
install (ready to book) and a re-test of what failed opens with the same rater.
"""

from datetime import date

from django.db import transaction

from installops.clock import company_today
from installops.date_window import date_window_refusal
from installops.errors import DomainError, full_clean_or_refuse
from installops.history import history_note
from jobs.choices import JobKind
from jobs.models import Job
from jobs.services import job_create

from ..choices import OPEN_HERS_STATUSES, HersStatus, HersTestKind, HersTestResult
from ..models import HersTest, HersVerification, Title24Scope


def _lock_job(job: Job) -> Job:
    return Job.objects.select_for_update().get(pk=job.pk)


def _hers_applies(job: Job) -> None:
    if job.kind != JobKind.INSTALL:
        raise DomainError("HERS is verified on the install, not on a service call.")
    scope = Title24Scope.objects.filter(job=job).first()
    if scope is not None and not scope.hers_required:
        raise DomainError("This job's Title 24 scope needs no HERS verification; change the scope first.")


def _open_verification(job: Job) -> HersVerification | None:
    return HersVerification.objects.select_for_update().filter(job=job, status__in=OPEN_HERS_STATUSES).first()


def hers_rater_set(
    *, job: Job, rater_company: str, rater_name: str, by, registry: str = "", registry_ids: str = ""
) -> HersVerification:
    """Name the rater (and their registry ids) on the job's open verification, opening one if none is."""
    with transaction.atomic():
        job = _lock_job(job)
        _hers_applies(job)
        verification = _open_verification(job) or HersVerification(job=job)
        verification.rater_company = rater_company.strip()
        verification.rater_name = rater_name.strip()
        verification.registry = registry
        verification.registry_ids = registry_ids.strip()
        if not verification.rater_company:
            raise DomainError("Enter the rater's company.", field="rater_company")
        full_clean_or_refuse(verification)
        history_note(verification, by=by, reason="HERS rater set")
        verification.save()
    return verification


def hers_tests_schedule(*, job: Job, scheduled_on: date, kinds: list[str], by) -> HersVerification:
    """Book the rater's visit on `scheduled_on` for the tests `kinds`; tests dropped from the list go,
    unless they already have a result."""
    kinds = list(dict.fromkeys(kinds))
    refusal = date_window_refusal(scheduled_on)
    if refusal:
        raise DomainError(refusal, field="scheduled_on")
    if not kinds:
        raise DomainError("Pick the tests the rater will do.", field="kinds")
    if any(kind not in HersTestKind.values for kind in kinds):
        raise DomainError("Pick tests from the list.", field="kinds")
    with transaction.atomic():
        job = _lock_job(job)
        _hers_applies(job)
        verification = _open_verification(job) or HersVerification(job=job)
        verification.status = HersStatus.SCHEDULED
        verification.scheduled_on = scheduled_on
        full_clean_or_refuse(verification)
        history_note(verification, by=by, reason=f"HERS scheduled {scheduled_on:%b %-d}")
        verification.save()
        tests = {test.kind: test for test in verification.tests.select_for_update()}
        for kind, test in tests.items():
            if kind not in kinds and test.result == HersTestResult.PENDING:
                test.delete()
        for kind in kinds:
            if kind not in tests:
                test = HersTest(verification=verification, kind=kind)
                full_clean_or_refuse(test)
                test.save()
    return verification


def hers_test_record_result(
    *, job: Job, kind: str, result: str, by, reading: str = "", notes: str = ""
) -> HersVerification:
    """Record the rater's result for one test of the job's scheduled verification; the last one settles it."""
    if result not in (HersTestResult.PASSED, HersTestResult.FAILED):
        raise DomainError("Say whether the test passed or failed.", field="result")
    with transaction.atomic():
        job = _lock_job(job)
        verification = _open_verification(job)
        if verification is None or verification.status != HersStatus.SCHEDULED:
            raise DomainError("Schedule the rater's visit before recording results.")
        test = verification.tests.select_for_update().filter(kind=kind).first()
        if test is None:
            raise DomainError(f"{HersTestKind(kind).label} is not booked for this visit.", field="kind")
        test.result = result
        test.reading = reading.strip()
        test.notes = notes.strip()
        full_clean_or_refuse(test)
        history_note(test, by=by, reason=f"{test.get_kind_display()}: {test.get_result_display().lower()}")
        test.save()
        tests = list(verification.tests.all())
        if all(t.result != HersTestResult.PENDING for t in tests):
            _settle(verification, job=job, tests=tests, by=by)
    return verification


def _settle(verification: HersVerification, *, job: Job, tests: list[HersTest], by) -> None:
    failed = [test for test in tests if test.result == HersTestResult.FAILED]
    verification.result_on = company_today()
    verification.recorded_by = by
    if not failed:
        verification.status = HersStatus.PASSED
        history_note(verification, by=by, reason="HERS passed")
        verification.save()
        return
    what = "; ".join(f"{t.get_kind_display()}{f' ({t.reading})' if t.reading else ''}" for t in failed)
    fix = job_create(
        customer=job.customer,
        site=job.site,
        by=by,
        kind=JobKind.FAILED_HERS,
        original_job=job,
        sold_on=company_today(),
        salesperson=job.salesperson,
        description=f"Failed HERS on {job.number}: {what}. Fix, then the rater re-tests.",
    )
    verification.status = HersStatus.FAILED
    verification.failed_hers_job = fix
    history_note(verification, by=by, reason=f"HERS failed; {fix.number} booked to fix it")
    verification.save()
    retest = HersVerification(
        job=job,
        retest_of=verification,
        rater_company=verification.rater_company,
        rater_name=verification.rater_name,
        registry=verification.registry,
        registry_ids=verification.registry_ids,
    )
    full_clean_or_refuse(retest)
    history_note(retest, by=by, reason="HERS re-test opened")
    retest.save()
    # The re-test repeats what failed.
    for test in failed:
        HersTest(verification=retest, kind=test.kind).save()
