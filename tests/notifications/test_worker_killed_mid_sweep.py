"""A worker killed mid-sweep (the whole process, as a deploy or the OOM killer does): the messages it
held are settled within minutes, not after Redis' hour-long visibility timeout, and none goes out twice."""

import uuid
from datetime import timedelta

import pytest

from notifications import services
from notifications.choices import Channel, MessageStatus
from notifications.models import Message
from notifications.services.sending import STOPPED_MID_SEND
from tests.jobs.factories import CustomerFactory
from tests.outbox import QueueProbe, WorkerProcess, publishing_to, wait_for

from .factories import visit_on

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_a_worker_killed_mid_sweep_leaves_nothing_stuck_and_sends_nothing_twice(tmp_path, company_clock):
    company_clock.machine_time()  # the worker's clock
    day = company_clock.tomorrow
    for number in range(6):
        visit_on(day, hour=7 + number, customer=CustomerFactory(phone=f"(559) 555-02{number:02d}", email=""))
    queue = f"test-{uuid.uuid4().hex[:8]}"
    slow = WorkerProcess(tmp_path, queue, env={"SMS_BACKEND": "tests.notifications.slow_sms.SmsBackend"})
    try:
        with publishing_to(queue):
            services.confirmation_sweep(day=day)
            texts = Message.objects.filter(channel=Channel.SMS)
            # Both of its processes are in the provider's call (the slow backend sleeps before it writes).
            wait_for(lambda: texts.filter(handed_over_at__isnull=False).count() == 2, what="two sends under way")
            slow.kill()
            assert texts.filter(status=MessageStatus.SENDING).count() == 2

            fresh = WorkerProcess(tmp_path, queue)
            try:
                # The relay's run a few minutes on: past the lease, long before Redis' visibility timeout.
                company_clock.shift(services.sending_lease() + timedelta(minutes=1))
                result = services.messages_relay()
                company_clock.machine_time()
                assert result.failed_stuck == 2
                wait_for(
                    lambda: not texts.exclude(status__in=[MessageStatus.SENT, MessageStatus.FAILED]).exists(),
                    what="every text settled",
                    log=fresh.log,
                )
            finally:
                fresh.stop()
    finally:
        slow.stop()
        QueueProbe(queue).delete()

    failed = texts.filter(status=MessageStatus.FAILED)
    sent = texts.filter(status=MessageStatus.SENT)
    assert (failed.count(), sent.count()) == (2, 4)
    assert set(failed.values_list("error", flat=True)) == {STOPPED_MID_SEND}
    delivered = [text["to"] for text in fresh.texts()]
    assert sorted(delivered) == sorted(sent.values_list("recipient_address", flat=True))  # each once
    assert not set(delivered) & set(failed.values_list("recipient_address", flat=True))
