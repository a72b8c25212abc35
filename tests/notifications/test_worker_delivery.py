"""A real Celery worker on Redis, against the test database: each confirmation goes out exactly once,
even when the sweep runs twice and every task is delivered a second time."""

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.db import connection

from installops.celery import app
from notifications.choices import Channel, MessageKind, MessageStatus
from notifications.models import Message
from notifications.services import confirmation_sweep
from notifications.tasks import message_send_task
from tests.jobs.factories import CustomerFactory

from .factories import visit_on

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

REPO_ROOT = Path(__file__).resolve().parents[2]


def database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def worker_env():
    """Extra settings for the worker process (a test may change them before asking for `worker`)."""
    return {}


@pytest.fixture
def worker(tmp_path, worker_env, company_clock):
    """A worker process (two prefork children) on the test broker, sending to files under tmp_path.

    The worker reads the machine's clock, which a pinned clock cannot reach, so the test runs on that
    clock too: both processes agree on "now" (claims, leases, sent times) and on the day the test names.
    """
    company_clock.machine_time()
    queue = f"test-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "installops.settings.test",
        "TEST_WORKER_NOT_EAGER": "true",
        "DATABASE_URL": database_url(),  # the test database, whose rows this test commits
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        "SMS_BACKEND": "notifications.sms.file.SmsBackend",
        "SMS_FILE_PATH": str(tmp_path / "sms.jsonl"),
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(tmp_path / "mail"),
        "CELERY_TASK_DEFAULT_QUEUE": queue,  # tasks the worker's tasks queue stay on this test's queue
        **worker_env,
    }
    name = f"{queue}@localhost"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "installops",
            "worker",
            "-Q",
            queue,
            "-n",
            name,
            "-c",
            "2",
            "--without-gossip",
            "--without-mingle",
            "-l",
            "warning",
        ],  # fmt: skip
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=(tmp_path / "worker.log").open("w"),
    )
    # This process publishes to the worker's own queue instead of running tasks in-process.
    saved = app.conf.task_always_eager, app.conf.task_default_queue
    app.conf.task_always_eager = False
    app.conf.task_default_queue = queue
    app.amqp.__dict__.pop("_queues", None)
    try:
        deadline = time.monotonic() + 60
        while not app.control.ping(destination=[name], timeout=1):
            assert process.poll() is None, (tmp_path / "worker.log").read_text()
            assert time.monotonic() < deadline, "the worker did not start within a minute"
        yield SimpleNamespace(files=tmp_path, pid=process.pid)
    finally:
        app.conf.task_always_eager, app.conf.task_default_queue = saved
        app.amqp.__dict__.pop("_queues", None)
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
        with app.connection_for_write() as conn:
            conn.default_channel.queue_delete(queue)
            # The per-queue exchange leaves its binding keys behind in Redis.
            conn.default_channel.client.delete(f"_kombu.binding.{queue}", f"_kombu.binding_permanent.{queue}")


def wait_until_settled(expected: int, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while Message.objects.filter(status=MessageStatus.SENT).count() < expected:
        assert time.monotonic() < deadline, list(Message.objects.values_list("status", "error"))
        time.sleep(0.2)


def test_a_real_worker_sends_exactly_one_message_per_visit_and_channel(worker, company_clock):
    day = company_clock.tomorrow  # named once: the test may run across midnight
    visits = [visit_on(day, hour=hour) for hour in range(7, 17)]
    unreachable = visit_on(day, hour=18, customer=CustomerFactory(phone="", alt_phone="", email=""))

    first = confirmation_sweep(day=day)
    second = confirmation_sweep(day=day)  # the beat fired twice, or someone ran it by hand
    assert first.queued == 20
    assert first.skipped == 2
    # Every message is delivered to the worker a second time, as after a lost acknowledgement.
    for message_id in Message.objects.values_list("pk", flat=True):
        message_send_task.delay(message_id)
    wait_until_settled(20)
    time.sleep(2)  # let any duplicate still in flight finish: it must find the message sent

    texts = [json.loads(line) for line in (worker.files / "sms.jsonl").read_text().splitlines()]
    # Django's file backend may append several emails to one file (named by the second and the
    # backend's id), so count the emails themselves, by their recipients.
    mail = "".join(path.read_text() for path in (worker.files / "mail").iterdir())
    email_recipients = [line.removeprefix("To: ") for line in mail.splitlines() if line.startswith("To: ")]
    assert len(texts) == 10
    assert len(email_recipients) == 10
    assert len(set(email_recipients)) == 10
    for visit in visits:
        phone = Message.objects.get(visit=visit, channel=Channel.SMS).recipient_address
        assert sum(1 for text in texts if text["to"] == phone) == 1
        rows = Message.objects.filter(visit=visit, kind=MessageKind.CONFIRMATION)
        assert sorted(rows.values_list("channel", "status", "attempts")) == [
            ("email", "sent", 1),
            ("sms", "sent", 1),
        ]
    assert set(Message.objects.filter(visit=unreachable).values_list("status", flat=True)) == {"skipped"}
    assert second.queued <= first.queued


def pool_children(pid: int) -> list[int]:
    return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


@pytest.mark.parametrize(
    "worker_env",
    [{"SMS_BACKEND": "tests.notifications.slow_sms.SmsBackend", "NOTIFICATIONS_SENDING_LEASE_SECONDS": "3"}],
)
def test_a_worker_killed_mid_send_never_sends_twice_and_the_message_ends_failed(worker, company_clock):
    day = company_clock.tomorrow
    visit = visit_on(day, customer=CustomerFactory(email="", sms_opt_out=False))
    confirmation_sweep(day=day)
    text = Message.objects.get(visit=visit, channel=Channel.SMS)
    deadline = time.monotonic() + 30
    # Handed over: the provider is being called (the slow backend sleeps before it writes).
    while Message.objects.get(pk=text.pk).handed_over_at is None:
        assert time.monotonic() < deadline, "the worker never picked the message up"
        time.sleep(0.1)

    # The child sending it dies (OOM killer, deploy, power): acks_late + reject_on_worker_lost put the
    # task back on the queue, a fresh child gets it, finds the message claimed, and looks again after
    # the lease; by then the message, which may have reached the provider, is marked failed with the
    # reason instead of being sent again.
    for child in pool_children(worker.pid):
        os.kill(child, signal.SIGKILL)

    deadline = time.monotonic() + 45
    while Message.objects.get(pk=text.pk).status != MessageStatus.FAILED:
        assert time.monotonic() < deadline, (worker.files / "worker.log").read_text()
        time.sleep(0.25)
    text.refresh_from_db()
    assert "stopped mid-way" in text.error
    assert text.attempts == 1
    assert not (worker.files / "sms.jsonl").exists()
