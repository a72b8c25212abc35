"""A daily sweep beat could not publish (broker down at its minute) is queued by the every-minute
catch-up later the same company day, once, unless paused; a day that is over is not caught up."""

from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_celery_beat.models import PeriodicTask

from installops.clock import company_today
from installops.daily_runs import daily_tasks_catch_up, daily_tasks_due
from installops.models import DailyTaskRun
from installops.selectors import daily_task_last_runs
from installops.tasks import daily_tasks_catch_up_task
from notifications.choices import MessageKind, MessageStatus
from notifications.models import Message
from notifications.tasks import confirmation_sweep_task
from tests.notifications.factories import visit_on
from tests.outbox import QueueProbe, dead_broker, publishing_to

pytestmark = pytest.mark.django_db

FOLDERS = "field.tasks.job_folder_render_for_day_task"
CONFIRMATIONS = "notifications.tasks.confirmation_sweep_task"
PAGE_OUT = "notifications.tasks.page_out_sweep_task"
ESCALATION = "notifications.tasks.page_escalation_sweep_task"
A_DAY = date(2026, 11, 24)  # a plain Tuesday


@pytest.fixture(autouse=True)
def beat_schedule(settings):
    """The default times (folders 16:15, confirmations 10:00, page-out 17:00, escalation 20:00) in beat."""
    settings.FIELD_FOLDERS_RENDER_AT = "16:15"
    settings.NOTIFICATIONS_CONFIRMATIONS_AT = "10:00"
    settings.NOTIFICATIONS_PAGE_OUT_AT = "17:00"
    settings.NOTIFICATIONS_PAGE_ACK_BY = "20:00"
    settings.PERMIT_DIGEST_AT = "07:00"
    call_command("sync_beat_schedule")
    # The office's morning digests and billing's nightly expiry are paused here: these tests follow the
    # crews' day (the permit digest's own catch-up is in test_permit_digest.py).
    PeriodicTask.objects.filter(
        task__in=[
            "notifications.tasks.permit_digest_sweep_task",
            "notifications.tasks.warranty_digest_sweep_task",
            "billing.tasks.agreement_expire_lapsed_task",
        ]
    ).update(enabled=False)


def ran(task: str, day: date, company_clock) -> DailyTaskRun:
    return DailyTaskRun.objects.create(task=task, day=day, finished_at=company_clock.now, result="0")


def test_a_missed_confirmation_sweep_runs_after_its_time_and_asks_the_customers(
    company_clock, django_capture_on_commit_callbacks, sms_outbox
):
    company_clock(A_DAY, "10:07")  # the broker was down at 10:00: beat's run never left
    visit = visit_on()

    with django_capture_on_commit_callbacks(execute=True):
        assert daily_tasks_catch_up_task() == f"caught up: {CONFIRMATIONS}"

    confirmations = Message.objects.filter(visit=visit, kind=MessageKind.CONFIRMATION)
    assert confirmations.count() == 2
    assert set(confirmations.values_list("status", flat=True)) == {MessageStatus.SENT}
    assert len(sms_outbox) == 1
    run = DailyTaskRun.objects.get(task=CONFIRMATIONS, day=A_DAY)
    assert run.finished_at is not None
    assert run.queued_at is not None

    company_clock.shift(minutes=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert daily_tasks_catch_up_task() == "nothing missed"
    assert confirmations.count() == 2
    assert len(sms_outbox) == 1


def test_the_catch_up_publishes_each_missed_task_once_to_the_broker(company_clock):
    company_clock(A_DAY, "16:30")
    probe = QueueProbe()
    try:
        with publishing_to(probe.name):
            assert daily_tasks_catch_up() == [FOLDERS, CONFIRMATIONS]
            company_clock.shift(minutes=1)
            assert daily_tasks_catch_up() == []  # queued a minute ago, its worker has the lease
        assert sorted(probe.tasks()) == [(FOLDERS, []), (CONFIRMATIONS, [])]
    finally:
        probe.delete()


@pytest.mark.parametrize("hh_mm", ["00:00", "09:59", "10:00", "10:01"])
def test_nothing_is_queued_before_its_time_and_beat_keeps_its_own_minute(company_clock, hh_mm):
    company_clock(A_DAY, hh_mm)
    assert daily_tasks_due() == []


def test_a_task_that_ran_today_is_not_queued_again(company_clock):
    company_clock(A_DAY, "10:30")
    ran(CONFIRMATIONS, A_DAY, company_clock)
    assert daily_tasks_due() == []


def test_a_queued_run_whose_worker_died_is_queued_again_after_the_lease(company_clock, settings):
    company_clock(A_DAY, "10:30")
    DailyTaskRun.objects.create(task=CONFIRMATIONS, day=A_DAY, queued_at=company_clock.now)
    company_clock.shift(seconds=settings.DAILY_TASK_CATCH_UP_LEASE_SECONDS - 30)
    assert daily_tasks_due() == []
    company_clock.shift(seconds=60)
    assert daily_tasks_due() == [CONFIRMATIONS]


def test_a_task_paused_in_admin_is_not_caught_up(company_clock):
    company_clock(A_DAY, "18:00")
    PeriodicTask.objects.filter(name="Day-before confirmations").update(enabled=False)
    assert daily_tasks_due() == [FOLDERS, PAGE_OUT]


def test_yesterdays_missed_sweeps_are_not_run_today(company_clock):
    company_clock(A_DAY + timedelta(days=1), "00:30")  # nothing ran yesterday
    assert daily_tasks_due() == []
    company_clock(A_DAY + timedelta(days=1), "10:05")
    assert daily_tasks_due() == [CONFIRMATIONS]


def test_the_escalation_waits_for_the_evening_page_out(company_clock):
    company_clock(A_DAY, "20:30")
    for task in (FOLDERS, CONFIRMATIONS):
        ran(task, A_DAY, company_clock)
    assert daily_tasks_due() == [PAGE_OUT]
    ran(PAGE_OUT, A_DAY - timedelta(days=1), company_clock)  # yesterday's page-out does not count
    assert daily_tasks_due() == [PAGE_OUT]
    ran(PAGE_OUT, A_DAY, company_clock)
    assert daily_tasks_due() == [ESCALATION]


@pytest.mark.parametrize(
    "day",
    [date(2026, 3, 8), date(2026, 11, 1)],  # spring forward (23 hours), fall back (25 hours)
    ids=["spring-forward", "fall-back"],
)
def test_on_a_dst_day_the_times_are_company_wall_clock_times(company_clock, day):
    company_clock(day, "09:55")
    assert daily_tasks_due() == []
    company_clock(day, "10:03")
    assert company_today() == day
    assert daily_tasks_due() == [CONFIRMATIONS]
    company_clock(day, "23:59")
    assert daily_tasks_due() == [FOLDERS, CONFIRMATIONS, PAGE_OUT]


def test_a_broker_still_down_leaves_the_task_for_the_next_minute(company_clock):
    company_clock(A_DAY, "10:30")
    with dead_broker():
        assert daily_tasks_catch_up() == []
    assert not DailyTaskRun.objects.exists()
    assert daily_tasks_due() == [CONFIRMATIONS]


@pytest.mark.parametrize("hh_mm", ["10:30", "23:00"])
def test_the_catch_up_runs_a_fixed_number_of_queries(company_clock, monkeypatch, django_assert_num_queries, hh_mm):
    company_clock(A_DAY, hh_mm)
    monkeypatch.setattr("installops.daily_runs.publish_or_defer", lambda publish, what: True)
    # Beat's schedule, today's runs, one upsert of what was queued.
    with django_assert_num_queries(3):
        queued = daily_tasks_catch_up()
    assert len(queued) == (1 if hh_mm == "10:30" else 3)


def test_a_run_records_its_day_only_when_it_is_the_daily_one_and_it_finished(company_clock, monkeypatch):
    company_clock(A_DAY, "10:00")
    confirmation_sweep_task()
    confirmation_sweep_task()  # a second run of the day updates the same record
    confirmation_sweep_task(day=str(A_DAY + timedelta(days=3)))  # a run for another day is not the daily one
    assert list(DailyTaskRun.objects.values_list("task", "day")) == [(CONFIRMATIONS, A_DAY)]

    company_clock(A_DAY + timedelta(days=1), "10:00")

    def broken(**kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr("notifications.services.confirmation_sweep", broken)
    with pytest.raises(RuntimeError):
        confirmation_sweep_task()
    failed = DailyTaskRun.objects.get(day=A_DAY + timedelta(days=1))
    assert failed.started_at is not None
    assert failed.finished_at is None  # so the catch-up runs it again once the lease is over


def test_the_last_run_of_each_daily_task(company_clock, django_assert_num_queries):
    company_clock(A_DAY, "21:00")
    ran(CONFIRMATIONS, A_DAY - timedelta(days=1), company_clock)
    ran(CONFIRMATIONS, A_DAY, company_clock)
    ran(PAGE_OUT, A_DAY - timedelta(days=2), company_clock)
    DailyTaskRun.objects.create(task=ESCALATION, day=A_DAY, queued_at=company_clock.now)  # not finished
    with django_assert_num_queries(1):
        last = {run.task: run.day for run in daily_task_last_runs()}
    assert last == {CONFIRMATIONS: A_DAY, PAGE_OUT: A_DAY - timedelta(days=2)}


def test_beats_own_run_still_working_is_not_doubled(company_clock, settings):
    company_clock(A_DAY, "10:00")
    DailyTaskRun.objects.create(task=CONFIRMATIONS, day=A_DAY, started_at=company_clock.now)  # a slow run
    company_clock(A_DAY, "10:05")
    assert daily_tasks_due() == []
    company_clock.shift(seconds=settings.DAILY_TASK_CATCH_UP_LEASE_SECONDS)  # it died without finishing
    assert daily_tasks_due() == [CONFIRMATIONS]


def test_the_admin_lists_each_daily_tasks_runs(company_clock, admin_client):
    company_clock(A_DAY, "21:00")
    ran(CONFIRMATIONS, A_DAY, company_clock)
    DailyTaskRun.objects.create(task=PAGE_OUT, day=A_DAY, queued_at=company_clock.now)

    page = admin_client.get(reverse("admin:installops_dailytaskrun_changelist"))

    assert page.status_code == 200
    text = page.content.decode()
    assert "Day-before confirmations" in text
    assert "Evening page-out" in text
    assert admin_client.get(reverse("admin:installops_dailytaskrun_add")).status_code == 403
