"""Folder renders are an outbox too: a render the broker never got, or whose worker died, is not stuck."""

import uuid
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from field import services
from field.choices import RenderStatus
from field.models import JobFolderRender
from field.services import RENDER_MAX_ATTEMPTS, RENDER_RELAY_GRACE, render_lease
from field.tasks import job_folder_render_task
from tests.jobs.factories import JobFactory
from tests.outbox import QueueProbe, dead_broker, publishing_to

pytestmark = [pytest.mark.django_db, pytest.mark.company_time("10:00")]


@pytest.fixture
def probe():
    probe = QueueProbe()
    probe.delete("pdf")
    with publishing_to(probe.name):
        yield probe
    probe.delete("pdf")


def rendered_ids(probe) -> list[int]:
    return sorted(args[0] for name, args in probe.tasks("pdf") if name == "field.tasks.job_folder_render_task")


def render(status=RenderStatus.QUEUED, **fields) -> JobFolderRender:
    return JobFolderRender.objects.create(job=JobFactory(), fingerprint=uuid.uuid4().hex, status=status, **fields)


def test_printing_with_the_broker_down_keeps_the_render_and_the_relay_queues_it(probe, coordinator, company_clock):
    job = JobFactory()
    with dead_broker():
        first = services.job_folder_request_render(job=job, by=coordinator)
    assert (first.status, first.enqueued_at) == (RenderStatus.QUEUED, None)

    company_clock.shift(RENDER_RELAY_GRACE + timedelta(seconds=1))
    assert services.job_folder_render_relay() == (1, 0, 0)
    assert rendered_ids(probe) == [first.pk]
    assert services.job_folder_render_relay() == (0, 0, 0)  # idempotent
    assert rendered_ids(probe) == [first.pk]


def test_printing_again_after_the_broker_came_back_queues_the_same_render_at_once(
    probe, coordinator, django_capture_on_commit_callbacks
):
    job = JobFactory()
    with dead_broker(), django_capture_on_commit_callbacks(execute=True):
        first = services.job_folder_request_render(job=job, by=coordinator)
    assert rendered_ids(probe) == []
    with django_capture_on_commit_callbacks(execute=True):
        again = services.job_folder_request_render(job=job, by=coordinator)
    assert again.pk == first.pk
    assert rendered_ids(probe) == [first.pk]
    assert JobFolderRender.objects.get(pk=first.pk).enqueued_at is not None
    # A third click while its task waits on the queue queues nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        services.job_folder_request_render(job=job, by=coordinator)
    assert rendered_ids(probe) == [first.pk]


def test_a_queued_render_whose_task_was_lost_is_queued_again_after_the_lease(probe, company_clock):
    lost = render(enqueued_at=timezone.now())
    company_clock.shift(render_lease() - timedelta(seconds=1))
    assert services.job_folder_render_relay() == (0, 0, 0)
    company_clock.shift(seconds=2)
    assert services.job_folder_render_relay() == (1, 0, 0)
    assert rendered_ids(probe) == [lost.pk]


def test_a_render_whose_worker_died_is_taken_back_then_failed_visibly(probe, company_clock):
    start = timezone.now()
    died = render(RenderStatus.RENDERING, started_at=start, attempts=1, enqueued_at=start)
    died_often = render(RenderStatus.RENDERING, started_at=start, attempts=RENDER_MAX_ATTEMPTS, enqueued_at=start)
    busy = render(RenderStatus.RENDERING, started_at=start + timedelta(seconds=60), attempts=1, enqueued_at=start)

    company_clock.shift(render_lease() + timedelta(seconds=1))
    assert services.job_folder_render_relay() == (1, 1, 1)

    died.refresh_from_db()
    died_often.refresh_from_db()
    assert died.status == RenderStatus.QUEUED
    assert "stopped while making it" in died.error
    assert rendered_ids(probe) == [died.pk]
    assert died_often.status == RenderStatus.FAILED
    assert f"{RENDER_MAX_ATTEMPTS} times" in died_often.error
    assert JobFolderRender.objects.get(pk=busy.pk).status == RenderStatus.RENDERING


def test_a_duplicate_render_task_leaves_a_render_another_worker_has_in_hand():
    in_hand = render(RenderStatus.RENDERING, started_at=timezone.now(), attempts=1)
    assert job_folder_render_task.apply(args=[in_hand.pk]).get() == "skipped"
    in_hand.refresh_from_db()
    assert (in_hand.status, in_hand.attempts) == (RenderStatus.RENDERING, 1)


def relay_queries(count: int, company_clock) -> int:
    start = timezone.now()
    for _ in range(count):
        render()
        render(RenderStatus.RENDERING, started_at=start, attempts=1)
        render(RenderStatus.RENDERING, started_at=start, attempts=RENDER_MAX_ATTEMPTS)
    company_clock.shift(render_lease() + timedelta(seconds=1))
    with CaptureQueriesContext(connection) as queries:
        assert services.job_folder_render_relay() == (2 * count, count, count)
    return len(queries)


def test_the_relay_costs_the_same_queries_whatever_the_backlog(probe, company_clock):
    small = relay_queries(2, company_clock)
    JobFolderRender.objects.all().delete()
    assert relay_queries(30, company_clock) == small


def test_printing_again_takes_back_a_render_lost_past_the_lease_but_not_one_in_hand(
    probe, coordinator, company_clock, django_capture_on_commit_callbacks
):
    job = JobFactory()
    with django_capture_on_commit_callbacks(execute=True):
        first = services.job_folder_request_render(job=job, by=coordinator)
    JobFolderRender.objects.filter(pk=first.pk).update(status=RenderStatus.RENDERING, started_at=timezone.now())
    company_clock.shift(render_lease() - timedelta(seconds=5))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.job_folder_request_render(job=job, by=coordinator).status == RenderStatus.RENDERING
    assert rendered_ids(probe) == [first.pk]

    company_clock.shift(seconds=10)  # its worker died: printing again does not wait for the relay
    with django_capture_on_commit_callbacks(execute=True):
        assert services.job_folder_request_render(job=job, by=coordinator).status == RenderStatus.QUEUED
    assert rendered_ids(probe) == [first.pk, first.pk]
