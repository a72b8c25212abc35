"""The load balancer's probe and the office's status page: what each check says, at any hour."""

import time
from datetime import timedelta

import pytest
from celery.contrib.testing.worker import start_worker
from django.core.management import call_command
from django.urls import reverse
from django_celery_beat.models import PeriodicTask

from installops.celery import app
from installops.health.heartbeat import KEY_PREFIX, broker_client, heartbeat_last, heartbeat_task_name
from installops.models import DailyTaskRun
from installops.tasks import worker_heartbeat_task

pytestmark = pytest.mark.django_db

DEAD_REDIS = "redis://127.0.0.1:1/0"


@pytest.fixture(autouse=True)
def no_heartbeats(settings):
    """Each test starts with no worker ever seen, on its own queue names."""
    settings.HEALTH_WORKER_QUEUES = ["health-default", "health-pdf"]
    keys = [KEY_PREFIX + queue for queue in settings.HEALTH_WORKER_QUEUES]
    with broker_client() as client:  # made now: a test may point the settings at a dead Redis
        client.delete(*keys)
        yield
        client.delete(*keys)


def statuses(response) -> dict[str, str]:
    """Each check's row on the status page: its name → "OK" or the reason it fails."""
    rows = {}
    for result in response.context["results"]:
        rows[repr(result.check)] = "OK" if result.error is None else result.error.message
    return rows


def everything_alive(settings):
    call_command("sync_beat_schedule")
    for queue in settings.HEALTH_WORKER_QUEUES:
        worker_heartbeat_task.delay(queue=queue)  # eager in the suite: the "worker" runs it here
    # What beat writes back after sending the heartbeat.
    PeriodicTask.objects.filter(name__startswith="Worker heartbeat").update(last_run_at=worker_heartbeat_last(settings))


def worker_heartbeat_last(settings):
    return heartbeat_last(queue=settings.HEALTH_WORKER_QUEUES[0])


def test_the_probe_answers_a_bare_ok_to_anyone(client):
    response = client.get(reverse("installops:health"))
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-cache" in response["Cache-Control"]


def test_the_probe_answers_503_without_details_when_redis_is_down(client, settings):
    settings.CELERY_BROKER_URL = DEAD_REDIS
    response = client.get(reverse("installops:health"))
    assert response.status_code == 503
    assert response.content == b"unavailable\n"


def test_the_probe_ignores_workers_and_beat(client):
    # Nothing has a heartbeat and beat never ran: web instances still serve pages.
    assert client.get(reverse("installops:health")).status_code == 200


@pytest.mark.company_time("10:00")
def test_the_status_page_shows_every_check_ok_when_all_is_running(client, coordinator, settings):
    everything_alive(settings)
    client.force_login(coordinator)
    response = client.get(reverse("installops:system_status"))
    assert response.status_code == 200
    assert statuses(response) == {
        "Database(alias='default')": "OK",
        "Redis (task broker)": "OK",
        "Storage(alias='default')": "OK",
        "Worker (health-default queue)": "OK",
        "Worker (health-pdf queue)": "OK",
        "Beat scheduler": "OK",
    }
    assert "Everything is working." in response.content.decode()


@pytest.mark.company_time("23:58")
def test_a_stale_heartbeat_fails_its_worker_then_beat_after_longer(client, company_clock, coordinator, settings):
    everything_alive(settings)
    client.force_login(coordinator)

    company_clock.shift(minutes=6)  # past midnight: staleness is elapsed time, not the calendar
    rows = statuses(client.get(reverse("installops:system_status")))
    assert rows["Worker (health-default queue)"] == "last heartbeat 6 min ago: the worker is down or behind"
    assert rows["Beat scheduler"] == "OK"

    company_clock.shift(minutes=5)
    response = client.get(reverse("installops:system_status"))
    assert statuses(response)["Beat scheduler"] == "last run 11 min ago: the beat process is down"
    assert "Something needs attention" in response.content.decode()

    # The worker comes back: its queue's next heartbeat clears it.
    worker_heartbeat_task.delay(queue="health-pdf")
    assert statuses(client.get(reverse("installops:system_status")))["Worker (health-pdf queue)"] == "OK"


def test_the_status_page_says_what_is_missing_on_a_fresh_deployment(client, coordinator):
    client.force_login(coordinator)
    rows = statuses(client.get(reverse("installops:system_status")))
    assert rows["Worker (health-default queue)"] == ("no heartbeat in the last day: is a worker running on this queue?")
    assert rows["Beat scheduler"] == "the heartbeat is not scheduled: run manage.py sync_beat_schedule"


def test_a_paused_heartbeat_is_reported(client, coordinator, settings):
    everything_alive(settings)
    PeriodicTask.objects.filter(name=heartbeat_task_name("health-default")).update(enabled=False)
    client.force_login(coordinator)
    rows = statuses(client.get(reverse("installops:system_status")))
    assert rows["Beat scheduler"] == "'Worker heartbeat (health-default queue)' is paused in admin (Periodic tasks)"


def test_redis_down_fails_its_checks_with_a_plain_reason(client, coordinator, settings):
    settings.CELERY_BROKER_URL = DEAD_REDIS
    client.force_login(coordinator)
    response = client.get(reverse("installops:system_status"))
    rows = statuses(response)
    assert rows["Redis (task broker)"] == "Redis does not answer (ConnectionError)"
    assert rows["Worker (health-default queue)"] == "cannot read the heartbeat: Redis does not answer"
    assert "127.0.0.1:1" not in response.content.decode()


def test_the_heartbeats_are_in_beats_schedule_once_each(settings):
    call_command("sync_beat_schedule")
    call_command("sync_beat_schedule")
    heartbeats = PeriodicTask.objects.filter(task="installops.tasks.worker_heartbeat_task").select_related("interval")
    assert sorted((task.queue, task.kwargs) for task in heartbeats) == [
        ("health-default", '{"queue": "health-default"}'),
        ("health-pdf", '{"queue": "health-pdf"}'),
    ]
    assert {(task.interval.every, task.interval.period) for task in heartbeats} == {(60, "seconds")}


def test_the_office_nav_links_to_the_status_page(client, coordinator, accounting):
    url = reverse("installops:system_status")
    client.force_login(coordinator)
    assert f'href="{url}"' in client.get(reverse("jobs:job_list")).content.decode()
    client.force_login(accounting)
    assert f'href="{url}"' not in client.get(reverse("jobs:job_list")).content.decode()


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_on_the_queue_writes_the_heartbeat(company_clock, settings):
    company_clock.machine_time()  # the worker runs on this process's clock, in a thread
    queue = settings.HEALTH_WORKER_QUEUES[0]
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = False
    try:
        with start_worker(app, queues=[queue], pool="solo", perform_ping_check=False, shutdown_timeout=30):
            worker_heartbeat_task.apply_async(kwargs={"queue": queue}, queue=queue)
            deadline = time.monotonic() + 60
            while heartbeat_last(queue=queue) is None and time.monotonic() < deadline:
                time.sleep(0.2)
    finally:
        app.conf.task_always_eager = eager
    last = heartbeat_last(queue=queue)
    assert last is not None
    assert abs(company_clock.now - last) < timedelta(minutes=2)


@pytest.mark.company_time("2026-12-04 10:05")
def test_the_status_page_lists_when_each_daily_task_last_finished(client, coordinator, company_clock):
    DailyTaskRun.objects.create(
        task="notifications.tasks.confirmation_sweep_task",
        day=company_clock.today,
        started_at=company_clock.now,
        finished_at=company_clock.now,
        result="2026-12-05: 12 to send, 1 skipped",
    )
    client.force_login(coordinator)
    response = client.get(reverse("installops:system_status"))
    rows = {run.name: run for run in response.context["daily_tasks"]}
    assert rows["Day-before confirmations"].result == "2026-12-05: 12 to send, 1 skipped"
    assert rows["Evening page-out"].finished_at is None
    page = response.content.decode()
    assert "Fri Dec 4, 10:05 AM" in page
    assert "Not yet" in page
