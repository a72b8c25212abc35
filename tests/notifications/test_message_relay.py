"""The outbox relay: what the broker never got is queued again, a dead worker's messages are settled."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from notifications import services
from notifications.choices import MessageStatus
from notifications.models import Message, OwedTask
from notifications.services.relay import RELAY_GRACE
from notifications.services.sending import STOPPED_BEFORE_SENDING, STOPPED_MID_SEND
from tests.outbox import QueueProbe, dead_broker, publishing_to

from .factories import MessageFactory, visit_on

pytestmark = [pytest.mark.django_db, pytest.mark.company_time("10:00")]


@pytest.fixture
def probe():
    probe = QueueProbe()
    with publishing_to(probe.name):
        yield probe
    probe.delete()


def message(status=MessageStatus.PENDING, **fields) -> Message:
    visit = visit_on()
    return MessageFactory(visit=visit, job=visit.job, status=status, **fields)


def sent_ids(probe) -> list[int]:
    return sorted(args[0] for name, args in probe.tasks() if name == "notifications.tasks.message_send_task")


def test_a_pending_message_the_broker_never_got_is_queued_once_the_grace_is_over(probe, company_clock):
    unqueued = message()
    queued = message(enqueued_at=timezone.now())
    just_saved = message()

    company_clock.shift(RELAY_GRACE + timedelta(seconds=1))
    just_saved.save()  # its own request is handing it over right now
    services.messages_relay()

    assert sent_ids(probe) == [unqueued.pk]
    unqueued.refresh_from_db()
    assert unqueued.enqueued_at == timezone.now()
    assert Message.objects.get(pk=queued.pk).enqueued_at < timezone.now()


def test_a_pending_message_whose_task_was_lost_is_queued_again_after_the_lease(probe, company_clock):
    lost = message(enqueued_at=timezone.now())
    company_clock.shift(services.sending_lease() - timedelta(seconds=1))
    services.messages_relay()
    assert sent_ids(probe) == []

    company_clock.shift(seconds=2)
    services.messages_relay()
    assert sent_ids(probe) == [lost.pk]


def test_a_retry_waiting_on_the_broker_is_left_alone_until_it_is_due(probe, company_clock):
    retrying = message(enqueued_at=timezone.now(), attempts=1)
    services.message_retry_planned(message_id=retrying.pk, countdown=300)

    company_clock.shift(seconds=300 + services.sending_lease().total_seconds() - 5)
    services.messages_relay()
    assert sent_ids(probe) == []
    company_clock.shift(seconds=10)
    services.messages_relay()
    assert sent_ids(probe) == [retrying.pk]


def test_sending_past_the_lease_is_settled_by_whether_it_reached_the_provider(probe, company_clock):
    start = timezone.now()
    never_left = message(MessageStatus.SENDING, last_attempt_at=start, attempts=1)
    maybe_out = message(MessageStatus.SENDING, last_attempt_at=start, handed_over_at=start, attempts=1)
    in_hand = message(MessageStatus.SENDING, last_attempt_at=start + timedelta(seconds=90), attempts=1)
    sent = message(MessageStatus.SENT, last_attempt_at=start, handed_over_at=start, provider_id="SM1", attempts=1)

    company_clock.shift(services.sending_lease() + timedelta(seconds=1))
    result = services.messages_relay()

    never_left.refresh_from_db()
    maybe_out.refresh_from_db()
    assert (never_left.status, never_left.error) == (MessageStatus.PENDING, STOPPED_BEFORE_SENDING)
    assert (maybe_out.status, maybe_out.error) == (MessageStatus.FAILED, STOPPED_MID_SEND)
    assert maybe_out.problem == STOPPED_MID_SEND  # what the office reads on the job and the worklists
    assert Message.objects.get(pk=in_hand.pk).status == MessageStatus.SENDING
    assert Message.objects.get(pk=sent.pk).status == MessageStatus.SENT
    # Back to pending, it is queued in the same run, exactly once.
    assert sent_ids(probe) == [never_left.pk]
    assert (result.requeued_stuck, result.failed_stuck, result.messages_queued) == (1, 1, 1)


def test_a_message_whose_worker_keeps_dying_before_sending_is_given_up_visibly(probe, company_clock):
    doomed = message(MessageStatus.SENDING, last_attempt_at=timezone.now(), attempts=services.sending.MAX_ATTEMPTS)
    company_clock.shift(services.sending_lease() + timedelta(seconds=1))
    services.messages_relay()
    doomed.refresh_from_db()
    assert doomed.status == MessageStatus.FAILED
    assert "did not go out" in doomed.error
    assert sent_ids(probe) == []


def test_running_the_relay_twice_queues_nothing_more(probe, company_clock):
    message()
    message(MessageStatus.SENDING, last_attempt_at=timezone.now(), attempts=1)
    company_clock.shift(services.sending_lease() + timedelta(seconds=1))
    first = services.messages_relay()
    second = services.messages_relay()
    assert len(sent_ids(probe)) == 2
    assert (second.requeued_stuck, second.failed_stuck, second.messages_queued, second.owed_queued) == (0, 0, 0, 0)
    assert first.messages_queued == 2


def test_with_the_broker_still_down_the_relay_leaves_everything_for_its_next_run(company_clock):
    waiting = message()
    company_clock.shift(minutes=1)
    with dead_broker():
        services.messages_relay()
    waiting.refresh_from_db()
    assert (waiting.status, waiting.enqueued_at) == (MessageStatus.PENDING, None)


def test_an_owed_task_the_broker_never_got_is_queued_again_and_forgotten_once_done(probe, company_clock, sms_outbox):
    visit = visit_on(company_clock.today)
    with dead_broker():
        owed = services.owed_task_add(task="notifications.tasks.on_my_way_notify_task", args=[visit.pk, None])
    assert OwedTask.objects.get(pk=owed.pk).enqueued_at is None

    company_clock.shift(minutes=1)
    services.messages_relay()
    ((name, args),) = probe.tasks()
    assert (name, args) == ("notifications.tasks.owed_task_run_task", [owed.pk])

    from notifications.tasks import owed_task_run_task

    assert owed_task_run_task.run(owed.pk) != "already done"  # the worker's run, here
    assert owed_task_run_task.run(owed.pk) == "already done"  # a duplicate copy of the task
    assert not OwedTask.objects.exists()
    assert Message.objects.filter(visit=visit, kind="on_my_way").count() == 2


def relay_queries(count: int, company_clock) -> int:
    start = timezone.now()
    for _ in range(count):
        message()
        message(MessageStatus.SENDING, last_attempt_at=start, attempts=1)
        message(MessageStatus.SENDING, last_attempt_at=start, handed_over_at=start, attempts=1)
        OwedTask.objects.create(task="notifications.tasks.visit_messages_catch_up_task", args=[0], created_at=start)
    company_clock.shift(services.sending_lease() + timedelta(seconds=1))
    with CaptureQueriesContext(connection) as queries:
        result = services.messages_relay()
    assert (result.messages_queued, result.failed_stuck, result.owed_queued) == (2 * count, count, count)
    return len(queries)


def test_the_relay_costs_the_same_queries_whatever_the_backlog(probe, company_clock):
    small = relay_queries(2, company_clock)
    Message.objects.all().delete()
    OwedTask.objects.all().delete()
    large = relay_queries(30, company_clock)
    assert small == large


def test_the_job_panel_says_what_is_waiting_and_why_a_message_failed(client_as, coordinator, company_clock):
    waiting = message(error=STOPPED_BEFORE_SENDING)
    visit = waiting.visit
    MessageFactory(
        visit=visit, job=visit.job, channel="email", status=MessageStatus.FAILED, error=STOPPED_MID_SEND,
        idempotency_key=f"confirmation:{visit.pk}:panel:email",
    )  # fmt: skip

    page = client_as(coordinator).get(reverse("notifications:job_messages", args=[visit.job_id])).content.decode()

    assert "Text message: queued" in page
    assert f"Goes out shortly. {STOPPED_BEFORE_SENDING}" in page
    assert "Email: failed" in page
    assert "it may or may not have gone out, so it was not sent again" in page
