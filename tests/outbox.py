"""Pointing this process's Celery app at a real queue (to see what was published) or at a dead broker,
and real worker processes to kill and start again."""

import base64
import json
import os
import signal
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import connection

from installops.celery import app

DEAD_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens there: every connection is refused


def _reset_connections() -> None:
    # The app keeps its connection and producer pools for the broker it first met; Celery has no
    # public way to drop them.
    app._pool = None  # noqa: SLF001
    app.amqp._producer_pool = None  # noqa: SLF001
    app.amqp.__dict__.pop("_queues", None)


@contextmanager
def publishing_to(queue: str | None = None, *, broker_url: str | None = None):
    """Tasks are published (not run in-process), to `queue` on the test broker or to `broker_url`."""
    saved = app.conf.task_always_eager, app.conf.task_default_queue, app.conf.broker_write_url
    app.conf.task_always_eager = False
    app.conf.task_default_queue = queue or saved[1]
    if broker_url:
        # Publishing connects to the write URL (Django settings fill it in from CELERY_BROKER_URL).
        app.conf.broker_write_url = broker_url
    _reset_connections()
    try:
        yield
    finally:
        app.conf.task_always_eager, app.conf.task_default_queue, app.conf.broker_write_url = saved
        _reset_connections()


def dead_broker():
    """The broker is down: publishing fails (as fast as the settings' retry policy lets it)."""
    return publishing_to(broker_url=DEAD_BROKER_URL)


class QueueProbe:
    """A queue of this test's own on the test broker, read back as (task name, args) pairs."""

    def __init__(self, name: str | None = None):
        self.name = name or f"test-{uuid.uuid4().hex[:8]}"

    def tasks(self, queue: str | None = None) -> list[tuple[str, list]]:
        with app.connection_for_write() as conn:
            client = conn.default_channel.client
            raw = client.lrange(queue or self.name, 0, -1)
        found = []
        for item in raw:
            message = json.loads(item)
            body = json.loads(base64.b64decode(message["body"]))
            found.append((message["headers"]["task"], body[0]))
        return found

    def delete(self, *queues: str) -> None:
        with app.connection_for_write() as conn:
            client = conn.default_channel.client
            for queue in (self.name, *queues):
                # The list itself (and its priority lists): queue_delete only drops bindings it has seen.
                client.delete(queue, *client.keys(f"{queue}\x06\x16*"))
                client.delete(f"_kombu.binding.{queue}", f"_kombu.binding_permanent.{queue}")


REPO_ROOT = Path(__file__).resolve().parents[1]


def database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class WorkerProcess:
    """A real worker (`celery worker`, two prefork children) on the test broker and database, on its own
    queue (plus `extra_queues`), sending texts and emails to files under `files`."""

    def __init__(self, files: Path, queue: str, *, extra_queues: tuple[str, ...] = (), env: dict | None = None):
        self.files, self.queue, self.name = files, queue, f"{queue}@localhost"
        self.log = files / f"worker-{uuid.uuid4().hex[:6]}.log"
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "installops.settings.test",
            "TEST_WORKER_NOT_EAGER": "true",
            "DATABASE_URL": database_url(),
            "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
            "SMS_BACKEND": "notifications.sms.file.SmsBackend",
            "SMS_FILE_PATH": str(files / "sms.jsonl"),
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": str(files / "mail"),
            "CELERY_TASK_DEFAULT_QUEUE": queue,
            **(env or {}),
        }
        queues = ",".join((queue, *extra_queues))
        command = [sys.executable, "-m", "celery", "-A", "installops", "worker", "-Q", queues, "-n", self.name,
                   "-c", "2", "--without-gossip", "--without-mingle", "-l", "warning"]  # fmt: skip
        self.process = subprocess.Popen(
            command, cwd=REPO_ROOT, env=environment, stdout=subprocess.DEVNULL, stderr=self.log.open("w")
        )
        deadline = time.monotonic() + 60
        while not app.control.ping(destination=[self.name], timeout=1):
            assert self.process.poll() is None, self.log.read_text()
            assert time.monotonic() < deadline, "the worker did not start within a minute"

    def kill(self) -> None:
        """SIGKILL the worker and its children at once (power cut, OOM killer): nothing is acknowledged."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text().split()
        for pid in (self.process.pid, *map(int, children)):
            os.kill(pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()

    def texts(self) -> list[dict]:
        path = self.files / "sms.jsonl"
        return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []

    def email_recipients(self) -> list[str]:
        folder = self.files / "mail"
        mail = "".join(path.read_text() for path in folder.iterdir()) if folder.exists() else ""
        return [line.removeprefix("To: ") for line in mail.splitlines() if line.startswith("To: ")]


def wait_for(condition, *, timeout: float = 90, what: str = "", log: Path | None = None) -> None:
    """Poll (generously: the machine is loaded) until `condition()` is true."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"{what} did not happen in {timeout} s\n{log.read_text() if log else ''}"
        time.sleep(0.25)
