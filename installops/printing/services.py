"""Print jobs: asked for by a page, handed to the broker after commit, printed by a task, relayed.

A print job is claimed (`queued → printing`) before its file is read and stamped `handed_to_printer_at`
(committed) just before the backend is called. A worker that dies before the stamp printed nothing: the
relay queues the job again (failed after PRINT_MAX_ATTEMPTS). One that dies after it may have printed:
the relay fails the job with that reason, so a page is never printed twice without someone asking.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from installops.choices import OPEN_PRINT_JOB_STATUSES, PrintJobStatus
from installops.errors import DomainError, full_clean_or_refuse
from installops.models import PrintJob
from installops.queueing import publish_or_defer

from .backends import PrintError, get_print_backend

logger = logging.getLogger(__name__)

PRINT_MAX_ATTEMPTS = 3
PRINT_RELAY_BATCH = 1000
# A job saved a moment ago is being handed over by the request that saved it: the relay leaves it that long.
PRINT_RELAY_GRACE = timedelta(seconds=10)


def print_lease() -> timedelta:
    """How long a job may stay "printing" before we know its worker died (above the task's time limit)."""
    return timedelta(seconds=settings.PRINT_LEASE_SECONDS)


def print_job_request(*, file_name: str, label: str, by) -> PrintJob:
    """Send a stored PDF to the printer. The same file already on its way is not printed twice."""
    if not file_name:
        raise DomainError("There is no file to print.")
    with transaction.atomic():
        waiting = (
            PrintJob.objects.select_for_update()
            .filter(file_name=file_name, status__in=OPEN_PRINT_JOB_STATUSES)
            .order_by("-requested_at", "-id")
            .first()
        )
        if waiting is not None:
            return waiting
        job = PrintJob(file_name=file_name, label=label[:200], requested_by=by, requested_at=timezone.now())
        full_clean_or_refuse(job)
        job.save()
        job_id = job.pk
        transaction.on_commit(lambda: print_jobs_enqueue(print_job_ids=[job_id]))
    return job


def print_job_request_many(*, items: list[tuple[str, str]], by) -> list[PrintJob]:
    """Send several stored PDFs (file name, label) in their order; a file already on its way is skipped.

    A fixed number of queries whatever the count (the packets-to-mail page's "print all").
    """
    with transaction.atomic():
        waiting = set(
            PrintJob.objects.filter(
                file_name__in=[name for name, _ in items], status__in=OPEN_PRINT_JOB_STATUSES
            ).values_list("file_name", flat=True)
        )
        now = timezone.now()
        jobs = []
        for file_name, label in items:
            if not file_name or file_name in waiting:
                continue
            waiting.add(file_name)
            job = PrintJob(file_name=file_name, label=label[:200], requested_by=by, requested_at=now)
            # The user was loaded by the request: checking each row's foreign key again would cost a query each.
            full_clean_or_refuse(job, exclude=["requested_by"], validate_unique=False)
            jobs.append(job)
        created = PrintJob.objects.bulk_create(jobs)
        ids = [job.pk for job in created]
        if ids:
            transaction.on_commit(lambda: print_jobs_enqueue(print_job_ids=ids))
    return created


def print_jobs_enqueue(*, print_job_ids: list[int]) -> bool:
    """Queue the jobs' tasks and mark them handed over; a broker that is down leaves them to the relay."""
    from installops.tasks import print_job_run_task

    def publish() -> None:
        with print_job_run_task.app.producer_or_acquire() as producer:
            for print_job_id in print_job_ids:
                print_job_run_task.apply_async((print_job_id,), producer=producer)

    if not publish_or_defer(publish, what=f"{len(print_job_ids)} print job(s)"):
        return False
    PrintJob.objects.filter(pk__in=print_job_ids, status=PrintJobStatus.QUEUED).update(enqueued_at=timezone.now())
    return True


def print_job_run(*, print_job_id: int) -> PrintJob:
    """Print one job (called by the worker). Only a "queued" job is taken, so a duplicate task stops."""
    with transaction.atomic():
        job = PrintJob.objects.select_for_update().get(pk=print_job_id)
        if job.status != PrintJobStatus.QUEUED:
            return job
        job.status = PrintJobStatus.PRINTING
        job.started_at = timezone.now()
        job.handed_to_printer_at = None
        job.attempts += 1
        job.save(update_fields=["status", "started_at", "handed_to_printer_at", "attempts", "updated_at"])
    try:
        with default_storage.open(job.file_name, "rb") as handle:
            content = handle.read()
    except (OSError, ValueError) as error:
        return _print_job_settle(job, error=f"The file to print is gone ({type(error).__name__}).", retry=False)
    with transaction.atomic():
        # Stamped only while the claim is still this task's (the relay may have taken it back).
        claimed = PrintJob.objects.filter(pk=job.pk, status=PrintJobStatus.PRINTING, started_at=job.started_at).update(
            handed_to_printer_at=timezone.now()
        )
    if not claimed:
        return PrintJob.objects.get(pk=job.pk)
    try:
        reference = get_print_backend().print_pdf(content=content, title=job.label)
    except PrintError as error:
        return _print_job_settle(job, error=error.message, retry=error.retryable)
    except Exception as error:
        logger.exception("Print job %s failed", job.pk)
        return _print_job_settle(job, error=f"Printing failed: {type(error).__name__}: {error}"[:1000], retry=True)
    with transaction.atomic():
        job = PrintJob.objects.select_for_update().get(pk=job.pk)
        job.status = PrintJobStatus.PRINTED
        job.reference = reference[:300]
        job.error = ""
        job.finished_at = timezone.now()
        job.save(update_fields=["status", "reference", "error", "finished_at", "updated_at"])
    return job


def _print_job_settle(job: PrintJob, *, error: str, retry: bool) -> PrintJob:
    """A try that failed: queued again for the relay while tries remain and it may help, else failed."""
    with transaction.atomic():
        job = PrintJob.objects.select_for_update().get(pk=job.pk)
        if retry and job.attempts < PRINT_MAX_ATTEMPTS:
            job.status = PrintJobStatus.QUEUED
            job.enqueued_at = None
            job.error = f"{error} Trying again."
        else:
            job.status = PrintJobStatus.FAILED
            job.error = error
            job.finished_at = timezone.now()
        job.save(update_fields=["status", "enqueued_at", "error", "finished_at", "updated_at"])
    return job


def print_job_relay() -> tuple[int, int, int]:
    """Every minute (beat): (jobs queued again, taken back from a dead worker, failed).

    A fixed number of queries whatever the backlog; idempotent.
    """
    now = timezone.now()
    lease = print_lease()
    dead = PrintJob.objects.filter(status=PrintJobStatus.PRINTING, started_at__lt=now - lease)
    taken_back = dead.filter(handed_to_printer_at__isnull=True, attempts__lt=PRINT_MAX_ATTEMPTS).update(
        status=PrintJobStatus.QUEUED,
        enqueued_at=None,
        error="The print worker stopped before printing; trying again.",
        updated_at=now,
    )
    failed = dead.filter(handed_to_printer_at__isnull=False).update(
        status=PrintJobStatus.FAILED,
        error="The print worker stopped while printing; it may have printed. "
        "Check the printer and print again if nothing came out.",
        finished_at=now,
        updated_at=now,
    )
    failed += dead.filter(attempts__gte=PRINT_MAX_ATTEMPTS).update(
        status=PrintJobStatus.FAILED,
        error=f"The print worker stopped before printing, {PRINT_MAX_ATTEMPTS} times. Print again to retry.",
        finished_at=now,
        updated_at=now,
    )
    # Saved a moment ago: its request is handing it over. Taken back from a dead worker: due at once.
    never = Q(enqueued_at__isnull=True) & (Q(updated_at__lt=now - PRINT_RELAY_GRACE) | Q(started_at__lt=now - lease))
    due = PrintJob.objects.filter(Q(status=PrintJobStatus.QUEUED) & (never | Q(enqueued_at__lt=now - lease)))
    print_job_ids = list(due.order_by("pk").values_list("pk", flat=True)[:PRINT_RELAY_BATCH])
    if print_job_ids:
        print_jobs_enqueue(print_job_ids=print_job_ids)
    return len(print_job_ids), taken_back, failed
