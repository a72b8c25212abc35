"""A job follows its visits through the jobs lifecycle: the last visit completed makes it installed, and a
job put on hold or cancelled takes its open visits with it, in one transaction."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from field.selectors import visit_list_my_day
from installops.clock import at_company_time, company_date, company_today
from installops.errors import DomainError
from jobs.choices import JobKind, JobStatus
from jobs.models import RequiredPaperwork
from jobs.services import job_change_status
from notifications.selectors import visit_list_on
from scheduling.choices import SubcontractorBookingStatus, SubcontractorTrade, VisitStatus
from scheduling.models import CloseoutItem, Subcontractor, VisitStatusChange
from scheduling.selectors.board import board_for
from scheduling.services import subcontractor_booking_create, visit_record_closeout, visit_set_dispatch_status
from tests.lifecycle_facts import job_with_facts
from tests.scheduling.factories import VisitFactory

# Friday 27 November 2026, 10:00: the crews are out.
pytestmark = [pytest.mark.django_db, pytest.mark.company_time("2026-11-27 10:00")]
S = VisitStatus


def day_text(visit) -> str:
    day = company_date(visit.starts_at)
    return f"{day:%a %b} {day.day}"


def visit_ids_on_board(day) -> set[int]:
    board = board_for(mode="week", day=day)
    return {block.visit_id for row in board.rows for cell in row.cells for block in cell.blocks}


# ---------------------------------------------------------------- installed, automatically


def test_the_install_visit_completed_makes_the_job_installed_naming_the_visit(installer):
    job = job_with_facts(JobStatus.READY)
    visit = job.visits.get()
    visit.crew = installer.crew
    visit.starts_at = timezone.now() - timedelta(hours=3)
    visit.ends_at = timezone.now() + timedelta(hours=1)
    visit.save()

    visit_set_dispatch_status(visit=visit, to_status=S.ON_SITE, by=installer)
    job.refresh_from_db()
    assert job.status == JobStatus.READY  # on site is not done yet
    visit_set_dispatch_status(visit=visit, to_status=S.COMPLETED, by=installer)

    job.refresh_from_db()
    assert job.status == JobStatus.INSTALLED
    change = job.status_changes.latest("pk")
    assert (change.from_status, change.to_status) == (JobStatus.READY, JobStatus.INSTALLED)
    assert change.changed_by == installer
    assert change.note == f"Visit of {day_text(visit)} completed"
    assert job.history.latest().history_change_reason == change.note


def test_a_job_with_two_visits_is_installed_when_the_last_one_is_completed(coordinator):
    job = job_with_facts(JobStatus.PERMITTED)
    first = job.visits.get()
    second = VisitFactory(job=job, status=S.CONFIRMED, crew=first.crew)

    visit_set_dispatch_status(visit=first, to_status=S.COMPLETED, by=coordinator, at=timezone.now())
    job.refresh_from_db()
    assert job.status == JobStatus.PERMITTED

    visit_set_dispatch_status(visit=second, to_status=S.COMPLETED, by=coordinator, at=timezone.now())
    job.refresh_from_db()
    assert job.status == JobStatus.INSTALLED
    assert job.status_changes.latest("pk").note == f"Visit of {day_text(second)} completed"


def test_a_service_call_goes_straight_from_scheduled_to_installed(coordinator):
    job = job_with_facts(JobStatus.SCHEDULED, kind=JobKind.WARRANTY)
    visit_set_dispatch_status(visit=job.visits.get(), to_status=S.COMPLETED, by=coordinator, at=timezone.now())

    job.refresh_from_db()
    assert job.status == JobStatus.INSTALLED
    assert list(job.status_changes.values_list("to_status", flat=True)) == [JobStatus.INSTALLED]


def test_an_install_without_its_permit_stays_where_it_is_when_its_visit_is_completed(coordinator):
    job = job_with_facts(JobStatus.SCHEDULED)
    visit_set_dispatch_status(visit=job.visits.get(), to_status=S.COMPLETED, by=coordinator, at=timezone.now())

    job.refresh_from_db()
    assert job.status == JobStatus.SCHEDULED  # the office sees "Installed needs: an issued permit"


def test_the_close_out_completes_the_visit_and_the_job_is_installed(coordinator):
    job = job_with_facts(JobStatus.READY)
    visit = job.visits.get()
    RequiredPaperwork.objects.filter(job_kind=job.kind).delete()
    lead = visit.crew.lead
    visit_record_closeout(
        visit=visit, by=coordinator, on_site_at=timezone.now() - timedelta(hours=4),
        completed_at=timezone.now() - timedelta(minutes=5),
        ticked_item_ids=list(CloseoutItem.objects.filter(kind=job.kind).values_list("pk", flat=True)),
        hours_by_employee={lead: Decimal("4")}, actual_lead=lead, close=True,
    )  # fmt: skip

    job.refresh_from_db()
    assert job.status == JobStatus.INSTALLED
    assert job.visits.get().status == S.CLOSED_OUT


# ---------------------------------------------------------------- cancel and hold take the visits along


def test_cancelling_a_job_cancels_its_open_visits_and_subcontractors_in_one_go(
    coordinator, received, django_capture_on_commit_callbacks
):
    job = job_with_facts(JobStatus.SCHEDULED)
    confirmed = job.visits.get()
    scheduled = VisitFactory(job=job, crew=confirmed.crew)
    done = VisitFactory(job=job, crew=confirmed.crew, status=S.COMPLETED)
    crane = Subcontractor.objects.create(name="Valley Crane & Rigging", trade=SubcontractorTrade.CRANE)
    booking = subcontractor_booking_create(
        job=job, subcontractor=crane, starts_at=confirmed.starts_at, ends_at=confirmed.ends_at, by=coordinator
    )

    with django_capture_on_commit_callbacks(execute=True):
        job_change_status(job=job, to_status=JobStatus.CANCELLED, by=coordinator, note="Customer sold the house")

    job.refresh_from_db()
    assert job.status == JobStatus.CANCELLED
    for visit in (confirmed, scheduled):
        visit.refresh_from_db()
        assert visit.status == S.CANCELLED
        assert visit.status_reason == "Job cancelled: Customer sold the house"
        change = VisitStatusChange.objects.filter(visit=visit).latest("pk")
        assert (change.to_status, change.changed_by) == (S.CANCELLED, coordinator)
        assert visit.history.latest().history_change_reason.endswith("Job cancelled: Customer sold the house")
    done.refresh_from_db()
    assert done.status == S.COMPLETED
    booking.refresh_from_db()
    assert booking.status == SubcontractorBookingStatus.CANCELLED
    assert sorted(event["visit_id"] for event in received) == sorted([confirmed.pk, scheduled.pk])
    assert {event["to_status"] for event in received} == {S.CANCELLED}


def test_putting_a_job_on_hold_holds_its_visits_off_the_board_the_phone_and_the_sweeps(installer, coordinator):
    tomorrow = company_today() + timedelta(days=1)
    job = job_with_facts(JobStatus.PERMITTED)
    visit = job.visits.get()
    start = at_company_time(tomorrow, "08:00")
    visit.crew = installer.crew
    visit.starts_at, visit.ends_at = start, start + timedelta(hours=6)
    visit.save()
    assert visit.pk in visit_ids_on_board(tomorrow)
    assert visit in visit_list_my_day(user=installer)
    assert visit in visit_list_on(company_date(visit.starts_at))

    job = job_change_status(job=job, to_status=JobStatus.ON_HOLD, by=coordinator, note="Waiting on the HOA")

    visit.refresh_from_db()
    assert visit.status == S.ON_HOLD
    assert visit.get_status_display() == "On hold"
    assert visit.status_reason == "Job put on hold: Waiting on the HOA"
    assert visit.pk not in visit_ids_on_board(tomorrow)
    assert visit not in visit_list_my_day(user=installer)
    assert visit not in visit_list_on(company_date(visit.starts_at))
    # Resumed, the job's facts say sold: it goes back to the Unscheduled queue.
    job = job_change_status(job=job, to_status=JobStatus.SOLD, by=coordinator)
    assert job.status == JobStatus.SOLD


def test_a_visit_that_cannot_be_released_undoes_the_whole_cancel(
    coordinator, received, django_capture_on_commit_callbacks
):
    job = job_with_facts(JobStatus.READY)
    first = job.visits.get()
    first.starts_at = timezone.now() - timedelta(days=1, hours=2)
    first.ends_at = first.starts_at + timedelta(hours=1)
    first.save()
    on_site = VisitFactory(job=job, crew=first.crew, status=S.ON_SITE)

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(DomainError) as refused:
        job_change_status(job=job, to_status=JobStatus.CANCELLED, by=coordinator, note="Customer changed mind")

    assert refused.value.message == (
        f"The visit of {day_text(on_site)} is on site: the job cannot be cancelled before that visit is completed."
    )
    job.refresh_from_db()
    first.refresh_from_db()
    assert (job.status, first.status) == (JobStatus.READY, S.CONFIRMED)
    assert not job.status_changes.exists()
    assert not VisitStatusChange.objects.filter(visit__job=job).exists()
    assert received == []


def test_a_visit_goes_on_hold_only_with_its_job(coordinator):
    visit = VisitFactory()
    with pytest.raises(DomainError, match="put the job on hold"):
        visit_set_dispatch_status(visit=visit, to_status=S.ON_HOLD, by=coordinator, reason="Waiting")


def test_a_ready_job_whose_only_visit_is_called_off_goes_back_to_the_queue(coordinator):
    job = job_with_facts(JobStatus.READY)
    visit = job.visits.get()

    visit_set_dispatch_status(visit=visit, to_status=S.CANCELLED, by=coordinator, reason="Customer is sick")

    job.refresh_from_db()
    assert job.status == JobStatus.SOLD
    assert job.status_changes.latest("pk").note == "Visit cancelled: Customer is sick"
    assert job.permits.exists()  # the permit stays on file for the next booking
