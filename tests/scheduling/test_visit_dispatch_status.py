from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from installops.errors import DomainError
from jobs.choices import JobStatus
from jobs.models import RequiredPaperwork
from scheduling.choices import VisitStatus
from scheduling.models import CloseoutItem, VisitStatusChange
from scheduling.services import visit_book, visit_cancel, visit_record_closeout, visit_set_dispatch_status
from scheduling.signals import visit_dispatch_status_changed
from tests.jobs.factories import JobFactory
from tests.lifecycle_facts import issue_permit
from tests.scheduling.factories import CrewFactory, VisitFactory, local_dt, next_weekday

# Friday 27 November 2026, 10:00: the day's visits are under way.
pytestmark = [pytest.mark.django_db, pytest.mark.company_time("2026-11-27 10:00")]
S = VisitStatus


def test_the_whole_day_sets_each_timestamp_and_records_each_step(
    coordinator, django_capture_on_commit_callbacks, company_clock
):
    visit = VisitFactory(starts_at=timezone.now() - timedelta(hours=3))
    issue_permit(visit.job)
    steps = [S.CONFIRMED, S.ON_MY_WAY, S.ON_SITE, S.COMPLETED, S.CLOSED_OUT]
    for status in steps[:-1]:
        visit = visit_set_dispatch_status(visit=visit, to_status=status, by=coordinator)
        company_clock.shift(minutes=45)
    # Close-out has its own checks (checklist, timecards, lead, paperwork): fill them in as the office does.
    RequiredPaperwork.objects.filter(job_kind=visit.job.kind).delete()
    lead = visit.crew.lead
    visit, missing = visit_record_closeout(
        visit=visit, by=coordinator, on_site_at=None, completed_at=None,
        ticked_item_ids=list(CloseoutItem.objects.filter(kind=visit.job.kind).values_list("pk", flat=True)),
        hours_by_employee={lead: Decimal("3.5")}, actual_lead=lead, close=False,
    )  # fmt: skip
    assert missing == []
    visit = visit_set_dispatch_status(visit=visit, to_status=S.CLOSED_OUT, by=coordinator)

    visit.refresh_from_db()
    assert visit.status == S.CLOSED_OUT
    stamps = [visit.confirmed_at, visit.on_my_way_at, visit.on_site_at, visit.completed_at, visit.closed_out_at]
    assert all(stamps)
    assert stamps == sorted(set(stamps))
    changes = list(VisitStatusChange.objects.filter(visit=visit).values_list("from_status", "to_status", "changed_by"))
    assert changes == [(a, b, coordinator.pk) for a, b in zip([S.SCHEDULED, *steps[:-1]], steps, strict=True)]
    assert visit.history.count() == len(steps) + 2  # the insert, each step, and the close-out entries


def test_the_event_goes_out_after_commit_with_ids(coordinator, received, django_capture_on_commit_callbacks):
    visit = VisitFactory()
    issue_permit(visit.job)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        visit_set_dispatch_status(visit=visit, to_status=S.ON_MY_WAY, by=coordinator)
    assert received == []  # nothing before the commit

    for callback in callbacks:
        callback()
    step = VisitStatusChange.objects.get(visit=visit, to_status=S.ON_MY_WAY)
    assert received == [
        {"signal": visit_dispatch_status_changed, "visit_id": visit.pk, "from_status": S.SCHEDULED,
         "to_status": S.ON_MY_WAY, "by_id": coordinator.pk, "change_id": f"status:{step.pk}"}
    ]  # fmt: skip


def test_a_refused_change_sends_nothing(coordinator, received, django_capture_on_commit_callbacks):
    visit = VisitFactory(status=S.COMPLETED)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(DomainError):
        visit_set_dispatch_status(visit=visit, to_status=S.ON_MY_WAY, by=coordinator)
    assert received == []


@pytest.mark.parametrize(
    ("start", "refused"),
    [
        (S.SCHEDULED, S.CLOSED_OUT),  # close-out only after completed
        (S.ON_SITE, S.ON_MY_WAY),  # never backwards
        (S.ON_SITE, S.CANCELLED),  # the crew is there: it is completed, not cancelled
        (S.COMPLETED, S.ON_SITE),
        (S.CLOSED_OUT, S.COMPLETED),
        (S.CANCELLED, S.SCHEDULED),
        (S.CANCELLED, S.CONFIRMED),
        (S.RESCHEDULED, S.ON_MY_WAY),
        (S.SCHEDULED, S.SCHEDULED),
    ],
)
def test_a_refused_transition_changes_nothing(coordinator, start, refused):
    visit = VisitFactory(status=start)
    with pytest.raises(DomainError) as error:
        visit_set_dispatch_status(visit=visit, to_status=refused, by=coordinator, reason="because")
    assert error.value.field == "to_status"
    visit.refresh_from_db()
    assert visit.status == start
    assert not VisitStatusChange.objects.filter(visit=visit).exists()


@pytest.mark.parametrize(
    ("start", "allowed"),
    [
        (S.SCHEDULED, S.CONFIRMED),
        (S.SCHEDULED, S.ON_MY_WAY),  # the customer was never reached, the crew goes anyway
        (S.CONFIRMED, S.ON_SITE),  # the tech forgot to tap "on my way"
        (S.ON_MY_WAY, S.CANCELLED),
        (S.CONFIRMED, S.RESCHEDULED),
    ],
)
def test_allowed_transitions(coordinator, start, allowed):
    visit = VisitFactory(status=start)
    issue_permit(visit.job)
    visit = visit_set_dispatch_status(visit=visit, to_status=allowed, by=coordinator, reason="Customer not home.")
    assert visit.status == allowed


def test_cancelling_needs_a_reason_and_returns_a_lone_visits_job_to_the_queue(coordinator):
    job = JobFactory()
    visit = visit_book(
        job=job,
        crew=CrewFactory(),
        starts_at=local_dt(next_weekday(1), 8),
        ends_at=local_dt(next_weekday(1), 12),
        by=coordinator,
    )
    with pytest.raises(DomainError, match="Say why"):
        visit_cancel(visit=visit, by=coordinator, reason="  ")

    visit = visit_cancel(visit=visit, by=coordinator, reason="Financing fell through.")
    assert (visit.status, visit.status_reason) == (S.CANCELLED, "Financing fell through.")
    job.refresh_from_db()
    assert job.status == JobStatus.SOLD
    assert "Financing fell through." in job.status_changes.last().note


def test_close_out_lists_what_is_missing(coordinator):
    visit = VisitFactory(status=S.COMPLETED, completed_at=timezone.now())
    with pytest.raises(DomainError, match="cannot be closed out yet: on-site time not entered"):
        visit_set_dispatch_status(visit=visit, to_status=S.CLOSED_OUT, by=coordinator)


def test_times_entered_later_must_keep_their_order(coordinator):
    visit = VisitFactory(status=S.ON_SITE, on_site_at=timezone.now() - timedelta(hours=1))
    with pytest.raises(DomainError, match="Completed cannot be before on site"):
        visit_set_dispatch_status(
            visit=visit, to_status=S.COMPLETED, by=coordinator, at=timezone.now() - timedelta(hours=2)
        )
    at = timezone.now() - timedelta(minutes=10)
    visit = visit_set_dispatch_status(visit=visit, to_status=S.COMPLETED, by=coordinator, at=at)
    assert visit.completed_at == at
    assert VisitStatusChange.objects.get(visit=visit, to_status=S.COMPLETED).changed_at == at


def test_a_time_in_the_future_is_refused(coordinator):
    visit = VisitFactory()
    with pytest.raises(DomainError, match="in the future"):
        visit_set_dispatch_status(
            visit=visit, to_status=S.ON_MY_WAY, by=coordinator, at=timezone.now() + timedelta(hours=1)
        )
