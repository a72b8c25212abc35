"""A visit booked into tomorrow after the day's sweeps ran is confirmed and paged at once."""

import pytest

from installops.clock import at_company_time, company_tomorrow
from notifications.choices import MessageKind, MessageStatus
from notifications.models import CrewPage, Message
from scheduling.services import visit_book
from tests.jobs.factories import JobFactory
from tests.scheduling.factories import CrewFactory

pytestmark = pytest.mark.django_db


def book_tomorrow(coordinator, crew=None):
    starts = at_company_time(company_tomorrow(), "09:00")
    return visit_book(
        job=JobFactory(),
        crew=crew or CrewFactory(),
        starts_at=starts,
        ends_at=at_company_time(company_tomorrow(), "13:00"),
        by=coordinator,
        override_reason="Squeezed in",
    )


# The sweeps run at 10:00 (confirmations) and 17:00 (page-out), company time.
@pytest.mark.company_time("18:30")
def test_a_visit_booked_after_the_sweeps_is_confirmed_and_paged_at_once(
    coordinator, django_capture_on_commit_callbacks, sms_outbox
):
    with django_capture_on_commit_callbacks(execute=True):
        visit = book_tomorrow(coordinator)

    sent = Message.objects.filter(status=MessageStatus.SENT)
    assert sent.filter(visit=visit, kind=MessageKind.CONFIRMATION).count() == 2
    assert CrewPage.objects.filter(employee=visit.crew.lead, for_date=company_tomorrow()).exists()
    assert sent.filter(kind=MessageKind.PAGE_OUT).count() == 2


@pytest.mark.company_time("13:00")
def test_a_visit_booked_between_the_sweeps_is_confirmed_now_and_paged_with_the_evening_sweep(
    coordinator, django_capture_on_commit_callbacks, sms_outbox
):
    with django_capture_on_commit_callbacks(execute=True):
        visit = book_tomorrow(coordinator)

    assert Message.objects.filter(visit=visit, kind=MessageKind.CONFIRMATION, status=MessageStatus.SENT).count() == 2
    assert not CrewPage.objects.exists()
    assert not Message.objects.filter(kind=MessageKind.PAGE_OUT).exists()


@pytest.mark.company_time("07:00")
def test_a_visit_booked_before_the_sweeps_waits_for_them(coordinator, django_capture_on_commit_callbacks, sms_outbox):
    with django_capture_on_commit_callbacks(execute=True):
        book_tomorrow(coordinator)
    assert not Message.objects.exists()
    assert sms_outbox == []


@pytest.mark.company_time("13:00")
def test_the_booking_only_queues_the_catch_up_and_the_task_sends(
    coordinator, django_capture_on_commit_callbacks, sms_outbox
):
    with django_capture_on_commit_callbacks() as after_booking:
        visit = book_tomorrow(coordinator)
    with django_capture_on_commit_callbacks() as after_signal:
        for callback in after_booking:
            callback()  # scheduling sends visit_booked; notifications' receiver runs
    assert not Message.objects.exists()
    assert sms_outbox == []
    assert after_signal  # it queued the task, to run after commit

    for callback in after_signal:
        callback()  # the task (eager under test settings)
    assert Message.objects.filter(visit=visit, kind=MessageKind.CONFIRMATION).count() == 2


@pytest.mark.company_time("23:59")
def test_in_the_last_minute_of_the_day_tomorrow_is_still_the_next_calendar_day(
    coordinator, django_capture_on_commit_callbacks, company_clock
):
    with django_capture_on_commit_callbacks(execute=True):
        visit = book_tomorrow(coordinator)
    assert Message.objects.filter(visit=visit, for_date=company_clock.tomorrow).count() == 2
