"""The broker was down at the confirmations' minute: once it is back, the catch-up queues the sweep and a
real worker asks every customer once, and the day's run is recorded."""

import uuid

import pytest
from django.core.management import call_command
from django_celery_beat.models import PeriodicTask

from installops.daily_runs import daily_tasks_catch_up
from installops.models import DailyTaskRun
from notifications.choices import Channel, MessageKind, MessageStatus
from notifications.models import Message
from tests.jobs.factories import CustomerFactory
from tests.outbox import QueueProbe, WorkerProcess, dead_broker, publishing_to, wait_for

from .factories import visit_on

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

CONFIRMATIONS = "notifications.tasks.confirmation_sweep_task"


def test_a_confirmation_sweep_missed_while_the_broker_was_down_runs_once_it_is_back(tmp_path, company_clock, settings):
    company_clock.machine_time()  # the worker's clock
    # Whatever the machine's hour, the confirmations' time has passed today; the other sweeps are paused.
    settings.NOTIFICATIONS_CONFIRMATIONS_AT = "00:00"
    settings.DAILY_TASK_CATCH_UP_AFTER_SECONDS = 0
    call_command("sync_beat_schedule")
    PeriodicTask.objects.filter(crontab__isnull=False).exclude(task=CONFIRMATIONS).update(enabled=False)
    visits = [
        visit_on(hour=8 + number, customer=CustomerFactory(phone=f"(559) 555-03{number:02d}", email=""))
        for number in range(3)
    ]

    with dead_broker():
        assert daily_tasks_catch_up() == []  # still down: left for the next minute
    assert not DailyTaskRun.objects.exists()

    queue = f"test-{uuid.uuid4().hex[:8]}"
    worker = WorkerProcess(tmp_path, queue, env={"NOTIFICATIONS_CONFIRMATIONS_AT": "00:00"})
    texts = Message.objects.filter(kind=MessageKind.CONFIRMATION, channel=Channel.SMS)
    try:
        with publishing_to(queue):
            assert daily_tasks_catch_up() == [CONFIRMATIONS]
            wait_for(
                lambda: texts.filter(status=MessageStatus.SENT).count() == len(visits),
                what="every customer asked",
                log=worker.log,
            )
            wait_for(
                lambda: DailyTaskRun.objects.filter(task=CONFIRMATIONS, finished_at__isnull=False).exists(),
                what="the day's run recorded",
                log=worker.log,
            )
            assert daily_tasks_catch_up() == []  # the next minute: it ran today
    finally:
        worker.stop()
        QueueProbe(queue).delete()

    assert sorted(text["to"] for text in worker.texts()) == sorted(texts.values_list("recipient_address", flat=True))
    assert set(texts.values_list("visit_id", flat=True)) == {visit.pk for visit in visits}
