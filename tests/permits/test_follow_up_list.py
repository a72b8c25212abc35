"""The install administrator's follow-up list: each kind of line and its edges, oldest first, in
company days."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from jobs.choices import JobKind, JobStatus
from permits.choices import (
    FollowUpKind,
    HersRegistry,
    HersStatus,
    InspectionKind,
    InspectionStatus,
    PermitStatus,
    Title24FormKind,
    Title24Trigger,
)
from permits.models import HersVerification, PermitExemption, Title24Form, Title24Scope
from permits.selectors import follow_up_list
from tests.jobs.factories import JobFactory, JobStatusChangeFactory
from tests.permits.factories import JurisdictionFactory, PermitFactory

from .follow_up_data import days_ago, inspection, issued_permit

pytestmark = [pytest.mark.django_db, pytest.mark.company_time("2026-11-18 09:00")]
TODAY = date(2026, 11, 18)


def kinds_of(job, **kwargs) -> list[str]:
    return [line.kind for line in follow_up_list(**kwargs) if line.job_id == job.pk]


# ---------------------------------------------------------------- permits to apply for


def test_a_sold_install_without_a_permit_is_chased_after_the_days_allowed(settings):
    settings.PERMIT_APPLY_WITHIN_DAYS = 3
    on_time = JobFactory(sold_on=days_ago(3))
    late = JobFactory(sold_on=days_ago(4))

    assert kinds_of(on_time) == []
    assert kinds_of(late) == [FollowUpKind.TO_APPLY]
    (line,) = follow_up_list(kinds=[FollowUpKind.TO_APPLY])
    assert (line.since, line.age_days, line.job_number) == (days_ago(4), 4, late.number)
    assert line.customer_name == late.customer.name
    assert line.fix_url == f"/jobs/{late.pk}/#panel-permit"


def test_no_permit_line_when_applied_exempt_not_an_install_or_held(coordinator):
    applied = JobFactory(sold_on=days_ago(20))
    PermitFactory(job=applied, status=PermitStatus.APPLIED, applied_on=days_ago(1))
    exempt = JobFactory(sold_on=days_ago(20))
    PermitExemption.objects.create(job=exempt, reason="Like-for-like mini-split head", decided_by=coordinator)
    service = JobFactory(sold_on=days_ago(20), kind=JobKind.WARRANTY)
    held = JobFactory(sold_on=days_ago(20), status=JobStatus.ON_HOLD)
    waiting = JobFactory(sold_on=days_ago(20))
    PermitFactory(job=waiting, status=PermitStatus.TO_APPLY, applied_on=None)
    rejected = JobFactory(sold_on=days_ago(20))
    PermitFactory(job=rejected, status=PermitStatus.REJECTED, applied_on=days_ago(15))

    for job in (applied, exempt, service, held):
        assert FollowUpKind.TO_APPLY not in kinds_of(job)
    # Not applied yet, or rejected: an application is still owed.
    assert kinds_of(waiting) == [FollowUpKind.TO_APPLY]
    assert kinds_of(rejected) == [FollowUpKind.TO_APPLY]


# ---------------------------------------------------------------- applied, not issued


def test_applied_permits_wait_as_long_as_their_jurisdiction_usually_takes():
    quick = JurisdictionFactory(name="City of Clovis", typical_days_to_issue=5)
    slow = JurisdictionFactory(name="Madera County", typical_days_to_issue=20)
    quick_on_time = PermitFactory(jurisdiction=quick, applied_on=days_ago(5))
    quick_late = PermitFactory(jurisdiction=quick, applied_on=days_ago(6))
    slow_on_time = PermitFactory(jurisdiction=slow, applied_on=days_ago(20))
    slow_late = PermitFactory(jurisdiction=slow, applied_on=days_ago(21))

    late = {line.job_id: line for line in follow_up_list(kinds=[FollowUpKind.NOT_ISSUED])}

    assert set(late) == {quick_late.job_id, slow_late.job_id}
    assert late[quick_late.job_id].age_days == 6
    assert "Madera County, which usually issues in 20 days" in late[slow_late.job_id].what
    assert quick_on_time.job_id not in late
    assert slow_on_time.job_id not in late


@pytest.mark.parametrize(
    ("clock", "listed"),
    [
        # 23:30 on the 18th in Fresno is already the 19th in UTC: still the 18th for the office.
        ("2026-11-18 23:30", False),
        ("2026-11-19 00:30", True),
    ],
)
def test_the_day_a_permit_turns_late_is_a_company_day(company_clock, clock, listed):
    company_clock(clock)
    jurisdiction = JurisdictionFactory(name="City of Fresno", typical_days_to_issue=10)
    permit = PermitFactory(jurisdiction=jurisdiction, applied_on=date(2026, 11, 8))

    assert (permit.job_id in {line.job_id for line in follow_up_list(kinds=[FollowUpKind.NOT_ISSUED])}) is listed


# ---------------------------------------------------------------- installed, no inspection


def test_an_installed_job_with_an_issued_permit_and_no_final_inspection_is_chased():
    job = JobFactory(status=JobStatus.INSTALLED, sold_on=days_ago(40))
    issued_permit(job, issued_on=days_ago(30))
    JobStatusChangeFactory(
        job=job,
        from_status=JobStatus.READY,
        to_status=JobStatus.INSTALLED,
        changed_at=timezone.now() - timedelta(days=6),
    )
    not_installed = JobFactory(status=JobStatus.READY, sold_on=days_ago(40))
    issued_permit(not_installed, issued_on=days_ago(30))

    (line,) = follow_up_list(kinds=[FollowUpKind.NO_INSPECTION])
    assert (line.job_id, line.age_days) == (job.pk, 6)
    assert line.fix_url.endswith("#panel-inspections")

    # A rough inspection is not the final; a cancelled final is none at all.
    inspection(job, kind=InspectionKind.ROUGH, status=InspectionStatus.PASSED, result_on=days_ago(3))
    inspection(job, kind=InspectionKind.FINAL, status=InspectionStatus.CANCELLED, result_on=days_ago(2))
    assert FollowUpKind.NO_INSPECTION in kinds_of(job)
    inspection(job, kind=InspectionKind.FINAL, status=InspectionStatus.TO_BOOK)
    assert FollowUpKind.NO_INSPECTION not in kinds_of(job)


# ---------------------------------------------------------------- inspections


def test_an_inspection_requested_late_yesterday_is_a_day_old(company_clock):
    company_clock("2026-11-18 09:00")
    job = JobFactory(status=JobStatus.INSTALLED)
    yesterday_late = company_clock("2026-11-17 23:30")
    inspection(job, kind=InspectionKind.FINAL, requested_at=yesterday_late)
    other = JobFactory(status=JobStatus.INSTALLED)
    inspection(other, kind=InspectionKind.FINAL, requested_at=company_clock("2026-11-18 00:30"))
    company_clock("2026-11-18 09:00")

    ages = {line.job_id: line.age_days for line in follow_up_list(kinds=[FollowUpKind.INSPECTION_TO_BOOK])}

    assert ages == {job.pk: 1, other.pk: 0}


def test_a_booked_inspection_is_chased_the_day_after_its_date_without_a_result():
    today = JobFactory(status=JobStatus.INSTALLED)
    inspection(today, kind=InspectionKind.FINAL, status=InspectionStatus.SCHEDULED, scheduled_on=TODAY)
    yesterday = JobFactory(status=JobStatus.INSTALLED)
    inspection(yesterday, kind=InspectionKind.FINAL, status=InspectionStatus.SCHEDULED, scheduled_on=days_ago(1))
    next_week = JobFactory(status=JobStatus.INSTALLED)
    inspection(
        next_week, kind=InspectionKind.FINAL, status=InspectionStatus.SCHEDULED, scheduled_on=TODAY + timedelta(days=7)
    )

    overdue = {line.job_id for line in follow_up_list(kinds=[FollowUpKind.INSPECTION_OVERDUE])}

    assert overdue == {yesterday.pk}


def test_a_failed_inspection_is_chased_until_the_reinspection_is_booked():
    job = JobFactory(status=JobStatus.INSTALLED)
    failed = inspection(
        job, kind=InspectionKind.FINAL, status=InspectionStatus.FAILED, result_on=days_ago(2),
        corrections="Disconnect too low",
    )  # fmt: skip

    (line,) = follow_up_list(kinds=[FollowUpKind.INSPECTION_FAILED])
    assert (line.job_id, line.age_days) == (job.pk, 2)
    assert "Disconnect too low" in line.what

    inspection(job, kind=InspectionKind.FINAL, reinspection_of=failed)
    assert follow_up_list(kinds=[FollowUpKind.INSPECTION_FAILED]) == []


def test_no_access_is_chased_until_reconfirmed_with_the_customer():
    job = JobFactory(status=JobStatus.INSTALLED)
    missed = inspection(job, kind=InspectionKind.FINAL, status=InspectionStatus.NO_ACCESS, result_on=days_ago(1))

    assert kinds_of(job, kinds=[FollowUpKind.NO_ACCESS]) == [FollowUpKind.NO_ACCESS]
    missed.access_reconfirmed_at = timezone.now()
    missed.save()
    assert kinds_of(job, kinds=[FollowUpKind.NO_ACCESS]) == []


# ---------------------------------------------------------------- HERS and Title 24


def test_a_failed_hers_verification_is_chased_until_the_retest_is_booked():
    job = JobFactory(status=JobStatus.INSTALLED)
    failed = HersVerification.objects.create(
        job=job, status=HersStatus.FAILED, result_on=days_ago(3), rater_company="Valley HERS"
    )

    (line,) = follow_up_list(kinds=[FollowUpKind.HERS_FAILED])
    assert (line.job_id, line.age_days) == (job.pk, 3)
    assert "Valley HERS" in line.what
    assert line.fix_url.endswith("#panel-title24")

    HersVerification.objects.create(job=job, retest_of=failed)
    assert follow_up_list(kinds=[FollowUpKind.HERS_FAILED]) == []


def test_title24_forms_are_chased_as_each_falls_due():
    job = JobFactory(status=JobStatus.SCHEDULED)
    Title24Scope.objects.create(job=job, trigger=Title24Trigger.CHANGE_OUT, hers_required=True)
    untriggered = JobFactory(status=JobStatus.INSTALLED)
    Title24Scope.objects.create(job=untriggered, trigger=Title24Trigger.NONE)

    # Nothing is due before the permit application.
    assert follow_up_list(kinds=[FollowUpKind.TITLE24_MISSING]) == []

    PermitFactory(job=job, applied_on=days_ago(1))
    (line,) = follow_up_list(kinds=[FollowUpKind.TITLE24_MISSING])
    assert line.what.startswith("Missing CF1R")
    assert line.fix_url.endswith("#panel-title24")

    Title24Form.objects.create(job=job, kind=Title24FormKind.CF1R, registry=HersRegistry.CALCERTS, registry_id="C1-1")
    assert follow_up_list(kinds=[FollowUpKind.TITLE24_MISSING]) == []

    job.status = JobStatus.INSTALLED
    job.save()
    (line,) = follow_up_list(kinds=[FollowUpKind.TITLE24_MISSING])
    assert "CF2R, CF3R" in line.what

    Title24Form.objects.create(job=job, kind=Title24FormKind.CF2R, registry=HersRegistry.CALCERTS, registry_id="C2-1")
    Title24Form.objects.create(job=job, kind=Title24FormKind.CF3R, registry=HersRegistry.CALCERTS, registry_id="")
    # A form without its registry id is still missing.
    (line,) = follow_up_list(kinds=[FollowUpKind.TITLE24_MISSING])
    assert line.what.startswith("Missing CF3R")


# ---------------------------------------------------------------- expiry


def test_issued_permits_show_from_the_warning_days_before_they_expire(settings):
    settings.PERMIT_EXPIRY_WARNING_DAYS = 30
    soon = issued_permit(
        JobFactory(status=JobStatus.INSTALLED), issued_on=days_ago(150), expires_on=TODAY + timedelta(days=30)
    )
    issued_permit(JobFactory(status=JobStatus.READY), issued_on=days_ago(100), expires_on=TODAY + timedelta(days=31))
    # No date on the permit: the jurisdiction's valid days from the issue.
    jurisdiction = JurisdictionFactory(name="City of Selma", permit_valid_days=180)
    derived = issued_permit(JobFactory(status=JobStatus.READY), issued_on=days_ago(170), jurisdiction=jurisdiction)

    lines = {line.job_id: line for line in follow_up_list(kinds=[FollowUpKind.EXPIRING])}

    assert set(lines) == {soon.job_id, derived.job_id}
    assert lines[soon.job_id].age_days == 0
    assert "(in 30 days)" in lines[soon.job_id].what
    assert lines[derived.job_id].what.endswith("(in 10 days)")


# ---------------------------------------------------------------- the list as a whole


def test_the_list_is_oldest_first_whatever_the_kind(settings):
    settings.PERMIT_APPLY_WITHIN_DAYS = 3
    newest = JobFactory(status=JobStatus.INSTALLED)
    inspection(newest, kind=InspectionKind.FINAL, requested_at=timezone.now())
    oldest = JobFactory(sold_on=days_ago(30))
    middle = PermitFactory(
        jurisdiction=JurisdictionFactory(name="City of Sanger", typical_days_to_issue=5), applied_on=days_ago(10)
    )

    assert [line.job_id for line in follow_up_list()] == [oldest.pk, middle.job_id, newest.pk]


def test_cancelled_and_held_jobs_are_left_alone():
    for status in (JobStatus.CANCELLED, JobStatus.ON_HOLD):
        job = JobFactory(status=status, sold_on=days_ago(60))
        PermitFactory(job=job, applied_on=days_ago(50))
        inspection(job, kind=InspectionKind.FINAL, status=InspectionStatus.FAILED, result_on=days_ago(9))

    assert follow_up_list() == []
