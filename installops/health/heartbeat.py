"""Worker heartbeats: beat queues a tiny task on each queue every minute; the worker that runs it
writes the time into Redis. A heartbeat older than a few minutes means no worker takes that queue's tasks.
"""

from datetime import datetime, timedelta

import redis
from django.conf import settings
from django_celery_beat.models import IntervalSchedule, PeriodicTask  # type: ignore[import-untyped]

from installops.clock import company_now

HEARTBEAT_TASK = "installops.tasks.worker_heartbeat_task"
HEARTBEAT_EVERY = timedelta(minutes=1)
KEY_PREFIX = "installops:worker-heartbeat:"


def broker_client() -> redis.Redis:
    """A short-lived client on the broker's Redis, quick to give up so a check never hangs a request."""
    return redis.Redis.from_url(settings.CELERY_BROKER_URL, socket_connect_timeout=2, socket_timeout=2)


def heartbeat_task_name(queue: str) -> str:
    return f"Worker heartbeat ({queue} queue)"


def heartbeat_record(*, queue: str) -> datetime:
    """Write "a worker of this queue is alive now". Kept a day, so a long outage still shows its age."""
    moment = company_now()
    with broker_client() as client:
        client.set(KEY_PREFIX + queue, moment.isoformat(), ex=int(timedelta(days=1).total_seconds()))
    return moment


def heartbeat_last(*, queue: str) -> datetime | None:
    """When a worker of this queue last ran its heartbeat, or None if never (or over a day ago)."""
    with broker_client() as client:
        value = client.get(KEY_PREFIX + queue)
    return datetime.fromisoformat(value.decode()) if value else None


def heartbeat_schedule_sync() -> list[str]:
    """One interval task per watched queue in beat's schedule (part of `manage.py sync_beat_schedule`)."""
    interval, _ = IntervalSchedule.objects.get_or_create(
        every=int(HEARTBEAT_EVERY.total_seconds()), period=IntervalSchedule.SECONDS
    )
    lines = []
    for queue in settings.HEALTH_WORKER_QUEUES:
        PeriodicTask.objects.update_or_create(
            name=heartbeat_task_name(queue),
            defaults={
                "task": HEARTBEAT_TASK,
                "interval": interval,
                "crontab": None,
                "one_off": False,
                "queue": queue,
                "kwargs": f'{{"queue": "{queue}"}}',
                # A heartbeat waiting in a queue nobody reads is worthless once the next one is due.
                "expire_seconds": int(HEARTBEAT_EVERY.total_seconds()),
            },
        )
        lines.append(f"{heartbeat_task_name(queue)}: {HEARTBEAT_TASK} every {interval.every} s")
    return lines
