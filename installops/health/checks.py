"""The checks themselves, on django-health-check's `HealthCheck`: each raises with a short reason.

Reasons are shown only to signed-in office staff; they name no host, key or password.
"""

import dataclasses
from datetime import timedelta

import redis
from django.conf import settings
from django.utils import timezone
from django_celery_beat.models import PeriodicTask
from health_check import HealthCheck
from health_check.exceptions import ServiceUnavailable

from installops.health.heartbeat import broker_client, heartbeat_last, heartbeat_task_name


def _age(moment) -> str:
    minutes = int((timezone.now() - moment).total_seconds() // 60)
    return f"{minutes} min ago"


@dataclasses.dataclass
class BrokerRedis(HealthCheck):
    """The broker's Redis answers a ping: without it no task is queued (texts, folders)."""

    def __repr__(self) -> str:
        return "Redis (task broker)"

    def run(self) -> None:
        try:
            with broker_client() as client:
                client.ping()
        except redis.RedisError as error:
            raise ServiceUnavailable(f"Redis does not answer ({type(error).__name__})") from error


@dataclasses.dataclass
class WorkerHeartbeat(HealthCheck):
    """A worker of `queue` ran its heartbeat within `max_age`."""

    queue: str = "celery"
    max_age: timedelta = dataclasses.field(default=timedelta(minutes=5), repr=False)

    def __repr__(self) -> str:
        return f"Worker ({self.queue} queue)"

    def run(self) -> None:
        try:
            last = heartbeat_last(queue=self.queue)
        except redis.RedisError as error:
            raise ServiceUnavailable("cannot read the heartbeat: Redis does not answer") from error
        if last is None:
            raise ServiceUnavailable("no heartbeat in the last day: is a worker running on this queue?")
        if timezone.now() - last > self.max_age:
            raise ServiceUnavailable(f"last heartbeat {_age(last)}: the worker is down or behind")


@dataclasses.dataclass
class BeatLastRun(HealthCheck):
    """Beat sent the first queue's heartbeat (an every-minute task) within `max_age`.

    DatabaseScheduler writes `last_run_at` back every few minutes, hence the margin.
    """

    max_age: timedelta = dataclasses.field(default=timedelta(minutes=10), repr=False)

    def __repr__(self) -> str:
        return "Beat scheduler"

    def run(self) -> None:
        name = heartbeat_task_name(settings.HEALTH_WORKER_QUEUES[0])
        task = PeriodicTask.objects.filter(name=name).only("enabled", "last_run_at").first()
        if task is None:
            raise ServiceUnavailable("the heartbeat is not scheduled: run manage.py sync_beat_schedule")
        if not task.enabled:
            raise ServiceUnavailable(f"'{name}' is paused in admin (Periodic tasks)")
        if task.last_run_at is None:
            raise ServiceUnavailable("beat has never run the heartbeat: is the beat process running?")
        if timezone.now() - task.last_run_at > self.max_age:
            raise ServiceUnavailable(f"last run {_age(task.last_run_at)}: the beat process is down")
