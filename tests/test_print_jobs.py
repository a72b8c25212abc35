"""Print jobs are an outbox: a row first, printed by a task, relayed when the broker or a worker lost it."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from installops.choices import PrintJobStatus
from installops.models import PrintJob
from installops.printing import backends, services
from installops.printing.services import PRINT_MAX_ATTEMPTS, PRINT_RELAY_GRACE, print_lease
from installops.tasks import print_job_run_task
from tests.outbox import QueueProbe, dead_broker, publishing_to

pytestmark = [pytest.mark.django_db, pytest.mark.company_time("10:00")]

PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture(autouse=True)
def printed():
    backends.printed.clear()
    yield backends.printed
    backends.printed.clear()


@pytest.fixture
def stored():
    return default_storage.save("permits/1/packet-test.pdf", ContentFile(PDF))


@pytest.fixture
def probe():
    probe = QueueProbe()
    probe.delete()
    with publishing_to(probe.name):
        yield probe
    probe.delete()


def queued_ids(probe) -> list[int]:
    return sorted(args[0] for name, args in probe.tasks() if name == "installops.tasks.print_job_run_task")


class FlakyPrinter(backends.PrintBackend):
    error = backends.PrintError("The printer office is out of paper.")

    def print_pdf(self, *, content, title):
        raise self.error


class UnsetPrinter(FlakyPrinter):
    error = backends.PrintError("No printer is set up.", retryable=False)


def test_a_print_job_prints_the_stored_file_on_the_worker(
    coordinator, stored, printed, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = services.print_job_request(file_name=stored, label="Permit packet B-1", by=coordinator)
    job.refresh_from_db()
    assert job.status == PrintJobStatus.PRINTED
    assert (job.attempts, job.reference, job.requested_by) == (1, "locmem-1", coordinator)
    assert job.handed_to_printer_at is not None
    assert job.finished_at is not None
    assert printed == [("Permit packet B-1", PDF)]


def test_the_task_run_twice_prints_once(coordinator, stored, printed, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = services.print_job_request(file_name=stored, label="Folder", by=coordinator)
    assert print_job_run_task.apply(args=[job.pk]).get() == "skipped"
    assert len(printed) == 1


def test_asking_again_while_the_file_is_on_its_way_does_not_print_it_twice(coordinator, stored, probe):
    first = services.print_job_request(file_name=stored, label="Folder", by=coordinator)
    again = services.print_job_request(file_name=stored, label="Folder", by=coordinator)
    assert again.pk == first.pk
    assert PrintJob.objects.count() == 1


def test_a_printer_error_is_tried_again_then_failed_visibly(settings, coordinator, stored, company_clock, probe):
    settings.PRINT_BACKEND = "tests.test_print_jobs.FlakyPrinter"
    job = services.print_job_request(file_name=stored, label="Folder", by=coordinator)
    for attempt in range(1, PRINT_MAX_ATTEMPTS + 1):
        services.print_job_run(print_job_id=job.pk)
        job.refresh_from_db()
        assert job.attempts == attempt
        if attempt < PRINT_MAX_ATTEMPTS:
            # Back in the outbox: the relay queues it again.
            assert (job.status, job.enqueued_at) == (PrintJobStatus.QUEUED, None)
            assert job.error == "The printer office is out of paper. Trying again."
            company_clock.shift(PRINT_RELAY_GRACE + timedelta(seconds=1))
            assert services.print_job_relay() == (1, 0, 0)
    assert job.status == PrintJobStatus.FAILED
    assert job.error == "The printer office is out of paper."
    assert services.print_job_relay() == (0, 0, 0)


def test_a_printer_that_is_not_set_up_fails_at_once(settings, coordinator, stored, probe):
    settings.PRINT_BACKEND = "tests.test_print_jobs.UnsetPrinter"
    job = services.print_job_request(file_name=stored, label="Folder", by=coordinator)
    assert services.print_job_run(print_job_id=job.pk).status == PrintJobStatus.FAILED


def test_a_file_gone_from_storage_fails_with_the_reason(coordinator, probe):
    job = services.print_job_request(file_name="permits/9/gone.pdf", label="Folder", by=coordinator)
    job = services.print_job_run(print_job_id=job.pk)
    assert job.status == PrintJobStatus.FAILED
    assert "file to print is gone" in job.error


def test_with_the_broker_down_the_job_waits_and_the_relay_queues_it(
    coordinator, stored, company_clock, probe, django_capture_on_commit_callbacks
):
    with dead_broker(), django_capture_on_commit_callbacks(execute=True):
        job = services.print_job_request(file_name=stored, label="Folder", by=coordinator)
    job.refresh_from_db()
    assert (job.status, job.enqueued_at) == (PrintJobStatus.QUEUED, None)
    assert services.print_job_relay() == (0, 0, 0)  # saved a moment ago: its request is handing it over
    company_clock.shift(PRINT_RELAY_GRACE + timedelta(seconds=1))
    assert services.print_job_relay() == (1, 0, 0)
    assert queued_ids(probe) == [job.pk]
    assert services.print_job_relay() == (0, 0, 0)


def test_a_worker_that_died_before_printing_is_taken_back_one_after_may_have_printed(company_clock, probe):
    start = timezone.now()
    before = PrintJob.objects.create(
        label="a", file_name="a.pdf", status=PrintJobStatus.PRINTING, started_at=start, attempts=1
    )
    after = PrintJob.objects.create(
        label="b", file_name="b.pdf", status=PrintJobStatus.PRINTING, started_at=start, attempts=1,
        handed_to_printer_at=start,
    )  # fmt: skip
    too_often = PrintJob.objects.create(
        label="c", file_name="c.pdf", status=PrintJobStatus.PRINTING, started_at=start, attempts=PRINT_MAX_ATTEMPTS
    )
    company_clock.shift(print_lease() - timedelta(seconds=1))
    assert services.print_job_relay() == (0, 0, 0)
    company_clock.shift(seconds=2)
    assert services.print_job_relay() == (1, 1, 2)

    for job in (before, after, too_often):
        job.refresh_from_db()
    assert before.status == PrintJobStatus.QUEUED
    assert "before printing" in before.error
    assert queued_ids(probe) == [before.pk]
    assert after.status == PrintJobStatus.FAILED
    assert "may have printed" in after.error
    assert too_often.status == PrintJobStatus.FAILED
    assert f"{PRINT_MAX_ATTEMPTS} times" in too_often.error


def relay_queries(count: int, company_clock) -> int:
    start = timezone.now()
    PrintJob.objects.bulk_create(
        [PrintJob(label="q", file_name=f"q{n}.pdf") for n in range(count)]
        + [
            PrintJob(label="d", file_name=f"d{n}.pdf", status=PrintJobStatus.PRINTING, started_at=start, attempts=1)
            for n in range(count)
        ]
    )
    company_clock.shift(print_lease() + timedelta(seconds=1))
    with CaptureQueriesContext(connection) as queries:
        assert services.print_job_relay() == (2 * count, count, 0)
    return len(queries)


def test_the_relay_costs_the_same_queries_whatever_the_backlog(probe, company_clock):
    small = relay_queries(2, company_clock)
    PrintJob.objects.all().delete()
    assert relay_queries(40, company_clock) == small


@pytest.mark.parametrize("count", [10, 5000])
def test_the_printing_page_lists_recent_jobs_in_a_fixed_number_of_queries(
    client, coordinator, django_assert_max_num_queries, count
):
    PrintJob.objects.bulk_create(
        [PrintJob(label=f"Permit packet B-{n}", file_name=f"{n}.pdf", requested_by=coordinator) for n in range(count)]
        + [PrintJob(label="Broken", file_name="x.pdf", status=PrintJobStatus.FAILED, error="lp exit 1: no printer")]
    )
    client.force_login(coordinator)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("printing:print_job_list"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "lp exit 1: no printer" in text
    assert text.count('data-testid="print-job"') == min(count + 1, 100)


def test_only_the_office_sees_the_printing_page(client, installer, salesperson, accounting):
    for user, expected in ((installer, 403), (salesperson, 403), (accounting, 200)):
        client.force_login(user)
        assert client.get(reverse("printing:print_job_list")).status_code == expected
