"""Pointing this process's Celery app at a real queue (to see what was published) or at a dead broker."""

import base64
import json
import uuid
from contextlib import contextmanager

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
