"""An inspection's life: requested, booked, its result; each step checked and kept in the history."""

from datetime import timedelta

import pytest

from installops.clock import company_today
from installops.errors import DomainError
from jobs.choices import JobKind, JobStatus
from jobs.models import Job
from permits.choices import InspectionKind, InspectionRequestedVia, InspectionStatus, PermitStatus
from permits.models import Inspection
from permits.services import inspection_book, inspection_reconfirm, inspection_record_result, inspection_request
from tests.jobs.files import image_bytes, upload
from tests.lifecycle_facts import issue_permit, job_with_facts

pytestmark = pytest.mark.django_db

S = InspectionStatus


@pytest.fixture
def job():
    return job_with_facts(JobStatus.INSTALLED)


def booked(job, by, *, kind=InspectionKind.FINAL, days_ago=1):
    inspection = inspection_request(job=job, kind=kind, by=by)
    return inspection_book(
        inspection=inspection, by=by, scheduled_on=company_today() - timedelta(days=days_ago), window="8–12"
    )


def test_the_office_asks_for_an_inspection_on_the_jobs_permit(job, coordinator):
    inspection = inspection_request(
        job=job, kind=InspectionKind.ROUGH, by=coordinator, via=InspectionRequestedVia.CUSTOMER_CALL, note="Call first"
    )

    assert (inspection.status, inspection.requested_via, inspection.requested_by) == (
        S.TO_BOOK,
        InspectionRequestedVia.CUSTOMER_CALL,
        coordinator,
    )
    assert inspection.permit == job.permits.get()
    assert inspection.history.get().history_user == coordinator


def test_a_second_open_inspection_of_the_same_kind_is_refused(job, coordinator):
    inspection_request(job=job, kind=InspectionKind.FINAL, by=coordinator)

    with pytest.raises(DomainError, match="already has a final inspection") as refused:
        inspection_request(job=job, kind=InspectionKind.FINAL, by=coordinator)
    assert refused.value.field == "kind"
    # Another kind is fine.
    assert inspection_request(job=job, kind=InspectionKind.ROUGH, by=coordinator).kind == InspectionKind.ROUGH


def test_an_unknown_kind_is_refused(job, coordinator):
    with pytest.raises(DomainError, match="Pick which inspection"):
        inspection_request(job=job, kind="hers", by=coordinator)


def test_booking_sets_the_day_window_and_inspector_and_moving_it_is_recorded(job, coordinator):
    inspection = inspection_request(job=job, kind=InspectionKind.FINAL, by=coordinator)
    day = company_today() + timedelta(days=3)

    inspection = inspection_book(
        inspection=inspection,
        by=coordinator,
        scheduled_on=day,
        window=" 8–12 ",
        inspector="R. Patel",
        booked_by_method="portal",
        booking_reference="IVR 5512",
    )
    assert (inspection.status, inspection.scheduled_on, inspection.window, inspection.inspector) == (
        S.SCHEDULED,
        day,
        "8–12",
        "R. Patel",
    )
    inspection = inspection_book(inspection=inspection, by=coordinator, scheduled_on=day + timedelta(days=1))
    reasons = list(inspection.history.order_by("history_id").values_list("history_change_reason", flat=True))
    assert reasons[0] == "Requested"
    assert reasons[1].startswith("Booked for")
    assert reasons[2].startswith("Moved for")


def test_booking_refuses_a_day_outside_the_window_and_a_finished_inspection(job, coordinator):
    inspection = inspection_request(job=job, kind=InspectionKind.FINAL, by=coordinator)
    with pytest.raises(DomainError) as refused:
        inspection_book(inspection=inspection, by=coordinator, scheduled_on=company_today() + timedelta(days=9000))
    assert refused.value.field == "scheduled_on"

    inspection = inspection_book(inspection=inspection, by=coordinator, scheduled_on=company_today())
    inspection_record_result(inspection=inspection, by=coordinator, result=S.PASSED, result_on=company_today())
    with pytest.raises(DomainError, match="passed: it cannot be booked"):
        inspection_book(inspection=inspection, by=coordinator, scheduled_on=company_today())


@pytest.mark.parametrize("result", [S.PASSED, S.FAILED, S.NO_ACCESS])
def test_a_result_needs_a_booked_inspection(job, coordinator, result):
    inspection = inspection_request(job=job, kind=InspectionKind.FINAL, by=coordinator)

    with pytest.raises(DomainError, match="to book: it cannot be") as refused:
        inspection_record_result(
            inspection=inspection, by=coordinator, result=result, result_on=company_today(), corrections="Strap it"
        )
    assert refused.value.field == "result"
    inspection.refresh_from_db()
    assert inspection.status == S.TO_BOOK


def test_an_inspection_not_yet_booked_can_be_cancelled(job, coordinator):
    inspection = inspection_request(job=job, kind=InspectionKind.OTHER, by=coordinator)

    inspection = inspection_record_result(
        inspection=inspection, by=coordinator, result=S.CANCELLED, result_on=company_today(), notes="Not needed"
    )
    assert (inspection.status, inspection.result_notes, inspection.recorded_by) == (
        S.CANCELLED,
        "Not needed",
        coordinator,
    )


def test_a_result_is_not_recorded_for_a_day_to_come_nor_before_the_inspection(job, coordinator):
    inspection = booked(job, coordinator, days_ago=1)
    with pytest.raises(DomainError, match="on or after the day") as refused:
        inspection_record_result(
            inspection=inspection, by=coordinator, result=S.PASSED, result_on=company_today() + timedelta(days=1)
        )
    assert refused.value.field == "result_on"
    with pytest.raises(DomainError, match="before the inspection's day"):
        inspection_record_result(
            inspection=inspection, by=coordinator, result=S.PASSED, result_on=company_today() - timedelta(days=2)
        )


def test_a_failure_needs_the_corrections_and_changes_nothing_without_them(job, coordinator):
    inspection = booked(job, coordinator)
    jobs_before = Job.objects.count()

    with pytest.raises(DomainError, match="what the inspector wants corrected") as refused:
        inspection_record_result(inspection=inspection, by=coordinator, result=S.FAILED, result_on=company_today(),
                                 corrections="   ")  # fmt: skip
    assert refused.value.field == "corrections"
    inspection.refresh_from_db()
    assert inspection.status == S.SCHEDULED
    assert Job.objects.count() == jobs_before


def test_a_failure_books_a_correction_job_on_the_install_and_a_reinspection(job, coordinator):
    inspection = booked(job, coordinator)

    inspection = inspection_record_result(
        inspection=inspection, by=coordinator, result=S.FAILED, result_on=company_today(),
        corrections="Seal the return plenum; strap the water heater.", notes="Inspector R. Patel",
    )  # fmt: skip

    correction = inspection.correction_job
    assert (correction.kind, correction.status, correction.original_job) == (JobKind.CORRECTION, JobStatus.SOLD, job)
    assert (correction.customer, correction.site) == (job.customer, job.site)
    assert "Seal the return plenum" in correction.description
    assert correction.status_changes.get().changed_by == coordinator
    reinspection = inspection.reinspection
    assert (reinspection.job, reinspection.kind, reinspection.status) == (job, InspectionKind.FINAL, S.TO_BOOK)
    assert reinspection.permit == inspection.permit
    assert inspection.history.latest().history_change_reason == "Failed, corrections"


def test_a_failed_reinspection_links_its_correction_to_the_original_install(job, coordinator):
    failed = booked(job, coordinator)
    failed = inspection_record_result(inspection=failed, by=coordinator, result=S.FAILED, result_on=company_today(),
                                      corrections="Strap the unit")  # fmt: skip
    again = inspection_book(inspection=failed.reinspection, by=coordinator, scheduled_on=company_today())
    again = inspection_record_result(inspection=again, by=coordinator, result=S.FAILED, result_on=company_today(),
                                     corrections="Still loose")  # fmt: skip

    assert again.correction_job.original_job == job
    assert again.reinspection.reinspection_of == again
    assert Inspection.objects.filter(job=job, status__in=[S.TO_BOOK, S.SCHEDULED]).count() == 1


def test_a_result_can_carry_photos_checked_like_any_upload(job, coordinator):
    inspection = booked(job, coordinator)

    inspection = inspection_record_result(
        inspection=inspection, by=coordinator, result=S.PASSED, result_on=company_today(),
        photos=[upload(image_bytes(), "card.jpg")],
    )  # fmt: skip
    photo = inspection.photos.get()
    assert (photo.job, photo.category) == (job, "pictures")
    with pytest.raises(DomainError):
        inspection_record_result(
            inspection=booked(job, coordinator, kind=InspectionKind.ROUGH), by=coordinator, result=S.PASSED,
            result_on=company_today(), photos=[upload(b"MZ not a photo", "virus.jpg")],
        )  # fmt: skip


def test_no_access_waits_for_the_office_to_reconfirm_then_the_next_one_is_to_book(job, coordinator):
    inspection = booked(job, coordinator)
    inspection = inspection_record_result(
        inspection=inspection, by=coordinator, result=S.NO_ACCESS, result_on=company_today(), notes="Gate locked"
    )
    assert inspection.access_reconfirmed_at is None

    following = inspection_reconfirm(inspection=inspection, by=coordinator, note="Gate code 4411")

    inspection.refresh_from_db()
    assert inspection.access_reconfirmed_at is not None
    assert (following.kind, following.status, following.request_note) == (
        InspectionKind.FINAL,
        S.TO_BOOK,
        "Gate code 4411",
    )
    with pytest.raises(DomainError, match="already reconfirmed"):
        inspection_reconfirm(inspection=inspection, by=coordinator)


def test_only_a_no_access_inspection_is_reconfirmed(job, coordinator):
    inspection = booked(job, coordinator)
    with pytest.raises(DomainError, match="could not get into"):
        inspection_reconfirm(inspection=inspection, by=coordinator)


def test_a_passed_final_finals_the_permit_and_the_job_becomes_inspected(job, coordinator):
    inspection = booked(job, coordinator)

    inspection_record_result(inspection=inspection, by=coordinator, result=S.PASSED, result_on=company_today())

    permit = job.permits.get()
    assert (permit.status, permit.finaled_on) == (PermitStatus.FINALED, company_today())
    assert permit.history.latest().history_change_reason == "Final inspection passed"
    job.refresh_from_db()
    assert job.status == JobStatus.INSPECTED
    assert job.status_changes.latest("changed_at").note == "Final inspection passed"


def test_a_passed_rough_inspection_leaves_the_permit_and_the_job(job, coordinator):
    inspection = booked(job, coordinator, kind=InspectionKind.ROUGH)

    inspection_record_result(inspection=inspection, by=coordinator, result=S.PASSED, result_on=company_today())

    assert job.permits.get().status == PermitStatus.ISSUED
    job.refresh_from_db()
    assert job.status == JobStatus.INSTALLED


def test_a_final_passed_before_the_install_is_done_does_not_move_the_job(coordinator):
    job = job_with_facts(JobStatus.SCHEDULED)
    issue_permit(job)
    inspection_record_result(inspection=booked(job, coordinator), by=coordinator, result=S.PASSED,
                             result_on=company_today())  # fmt: skip
    job.refresh_from_db()
    assert job.status == JobStatus.SCHEDULED
