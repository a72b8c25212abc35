"""Writes from the phone view and the job-folder printing.

Visit statuses are only ever moved by scheduling.services.visit_set_dispatch_status; job files
only by jobs.services. What lives here: remembering which phone actions were already applied,
the crew's notes, and the job-folder PDF's render records (an inspection asked for from the
site is one of the job's inspections, in permits).
"""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from installops.errors import DomainError, full_clean_or_refuse
from installops.models import PrintJob
from installops.printing import print_job_request
from installops.queueing import publish_or_defer
from jobs import services as job_services
from jobs.choices import DocumentCategory
from jobs.models import CompletionSignoff, InstalledEquipment, Job
from permits import services as permit_services
from permits.choices import InspectionRequestedVia
from permits.models import Inspection
from scheduling import services as scheduling_services
from scheduling.choices import VisitStatus
from scheduling.models import Visit

from . import pdfs, selectors
from .choices import FolderAudience, RenderStatus
from .models import FieldAction, FieldNote, JobFolderRender

logger = logging.getLogger(__name__)

# A tap queued offline is applied at the time it was made, if that time is believable.
OFFLINE_TAP_MAX_AGE = timedelta(hours=36)
CLOCK_SLACK = timedelta(minutes=5)
# Renders whose worker keeps dying are given up after this many tries (visibly, with the reason).
RENDER_MAX_ATTEMPTS = 3
RENDER_BATCH = 1000
# A render saved a moment ago is being handed over by the request that saved it: the relay leaves it that long.
RENDER_RELAY_GRACE = timedelta(seconds=10)
NOTE_MAX_LENGTH = 4000


def _phone_time(tapped_at: datetime | None) -> datetime:
    """When the crew did it: the phone's clock if plausible, else now."""
    now = timezone.now()
    if tapped_at is None or timezone.is_naive(tapped_at):
        return now
    if tapped_at > now + CLOCK_SLACK or tapped_at < now - OFFLINE_TAP_MAX_AGE:
        return now
    return min(tapped_at, now)


def visit_dispatch_from_field(
    *, visit: Visit, to_status: str, by, client_uuid, tapped_at: datetime | None = None
) -> FieldAction:
    """A crew's status tap (on my way, on site, completed), applied at most once per phone action.

    The same client_uuid arriving again (a retried send, an offline queue replayed) returns the
    first outcome without touching the visit. A tap the visit can no longer take (the office moved
    it meanwhile, or it is not on the day the tap was made) is kept as refused, with the reason, and
    raises DomainError: nothing changes and no message goes out.
    """
    existing = FieldAction.objects.filter(client_uuid=client_uuid).first()
    if existing is not None:
        if existing.visit_id != visit.pk:
            raise DomainError("That action id was already used for another visit.")
        return existing
    at = _phone_time(tapped_at)
    action = FieldAction(
        client_uuid=client_uuid, visit=visit, user=by, to_status=to_status, tapped_at=at, received_at=timezone.now()
    )
    try:
        with transaction.atomic():
            # The day is checked on the locked row: a move by the office meanwhile counts.
            locked = scheduling_services.visit_lock(visit.pk)
            refusal = selectors.visit_field_day_refusal(visit=locked, user=by, at=at)
            if refusal:
                raise DomainError(refusal, field="to_status")
            scheduling_services.visit_set_dispatch_status(visit=visit, to_status=to_status, by=by, at=at)
            action.applied = True
            full_clean_or_refuse(action)
            action.save()
    except DomainError as error:
        action.applied = False
        action.outcome = error.message
        try:
            with transaction.atomic():
                action.save()
        except IntegrityError:
            pass  # the same tap raced in twice; the first one's record stands
        raise
    except IntegrityError:
        # The same action id arrived twice at once: the other request applied it.
        return FieldAction.objects.get(client_uuid=client_uuid)
    return action


def field_note_add(*, visit: Visit, by, text: str, client_uuid, written_at: datetime | None = None) -> FieldNote:
    """A note from the crew to the office. Sending the same note id twice keeps one note."""
    existing = FieldNote.objects.filter(client_uuid=client_uuid).first()
    if existing is not None:
        return existing
    text = (text or "").strip()
    if not text:
        raise DomainError("Write the note first.", field="text")
    if len(text) > NOTE_MAX_LENGTH:
        raise DomainError(f"Keep the note under {NOTE_MAX_LENGTH} characters.", field="text")
    note = FieldNote(
        visit=visit, job_id=visit.job_id, author=by, text=text, written_at=_phone_time(written_at),
        client_uuid=client_uuid,
    )  # fmt: skip
    full_clean_or_refuse(note, validate_unique=False)
    try:
        with transaction.atomic():
            note.save()
    except IntegrityError:
        return FieldNote.objects.get(client_uuid=client_uuid)
    return note


def visit_inspection_request(*, visit: Visit, by, kind: str, note: str = "", client_uuid) -> Inspection:
    """The crew asks, from the site, for an inspection: it goes on the job's inspections to book.

    The same request id arriving again (a retried send, an offline queue replayed, both copies at
    once) returns the first inspection; a job has one open inspection per kind (permits decides).
    """
    return permit_services.inspection_request(
        job=visit.job,
        kind=kind,
        by=by,
        via=InspectionRequestedVia.CREW_PHONE,
        note=note,
        client_uuid=client_uuid,
    )


def visit_photo_add(*, visit: Visit, by, upload, title: str = ""):
    """A photo taken on site goes into the job's pictures."""
    return job_services.document_upload(
        job=visit.job,
        category=DocumentCategory.PICTURES,
        upload=upload,
        by=by,
        title=title or f"Site photo {visit.job.number}",
    )


def visit_equipment_record(*, visit: Visit, by, client_uuid=None, **fields) -> InstalledEquipment:
    return job_services.installed_equipment_record(job=visit.job, by=by, client_uuid=client_uuid, **fields)


def visit_signoff_record(
    *, visit: Visit, by, signer_name: str, signature_png: bytes, client_uuid=None
) -> CompletionSignoff:
    """The customer signs on the phone once the work is completed; the certificate goes in the folder."""
    if visit.status not in (VisitStatus.COMPLETED, VisitStatus.CLOSED_OUT) and visit.completed_at is None:
        raise DomainError("Mark the visit completed before the customer signs.", field="signature")
    return job_services.completion_signoff_record(
        job=visit.job,
        signer_name=signer_name,
        signature_png=signature_png,
        by=by,
        render_certificate=lambda signoff: pdfs.completion_certificate_pdf(signoff=signoff, visit=visit),
        client_uuid=client_uuid,
    )


# ---------------------------------------------------------------- job-folder PDF


def job_folder_request_render(*, job: Job, by, audience: str = FolderAudience.FIELD) -> JobFolderRender:
    """Ask for the folder PDF. An unchanged job gets its existing PDF back; a failed one is retried.

    The render itself runs on the `pdf` Celery queue, enqueued after commit.
    """
    if audience not in FolderAudience.values:
        raise DomainError("Unknown folder.")
    fingerprint = selectors.job_folder_fingerprint(job=job, audience=audience)
    with transaction.atomic():
        render, created = JobFolderRender.objects.select_for_update().get_or_create(
            job=job,
            audience=audience,
            fingerprint=fingerprint,
            defaults={"requested_by": by, "requested_at": timezone.now()},
        )
        # Queued while the broker was down (asking again tries it now), or its task or worker lost
        # past the lease (the relay would queue it again within a minute anyway).
        cutoff = timezone.now() - render_lease()
        lost_task = render.status == RenderStatus.QUEUED and (render.enqueued_at is None or render.enqueued_at < cutoff)
        dead_worker = render.status == RenderStatus.RENDERING and (render.started_at or render.requested_at) < cutoff
        stale = lost_task or dead_worker
        if not (created or render.status == RenderStatus.FAILED or stale):
            return render
        render.status = RenderStatus.QUEUED
        render.error = ""
        render.requested_by = by
        render.requested_at = timezone.now()
        render.enqueued_at = None
        render.save(update_fields=["status", "error", "requested_by", "requested_at", "enqueued_at", "updated_at"])
        render_id = render.pk
        transaction.on_commit(lambda: job_folder_renders_enqueue(render_ids=[render_id]))
    return render


def render_lease() -> timedelta:
    """How long a render may stay "rendering" before we know its worker died (above the task's limit)."""
    return timedelta(seconds=settings.FIELD_RENDER_LEASE_SECONDS)


def job_folder_renders_enqueue(*, render_ids: list[int]) -> bool:
    """Queue the renders on the pdf queue and mark them handed over. A broker that is down raises
    nothing: the renders stay "queued", unmarked, and the relay queues them once it is back."""
    from .tasks import job_folder_render_task

    def publish() -> None:
        with job_folder_render_task.app.producer_or_acquire() as producer:
            for render_id in render_ids:
                job_folder_render_task.apply_async((render_id,), producer=producer)

    if not publish_or_defer(publish, what=f"{len(render_ids)} folder render(s)"):
        return False
    JobFolderRender.objects.filter(pk__in=render_ids, status=RenderStatus.QUEUED).update(enqueued_at=timezone.now())
    return True


def job_folder_render_relay() -> tuple[int, int, int]:
    """Every minute (beat): (renders queued again, taken back from a dead worker, failed).

    A render "rendering" past the lease lost its worker: queued again, or failed with the reason after
    RENDER_MAX_ATTEMPTS. A render "queued" but never handed to the broker (it was down), or handed over
    longer than a lease ago (the task was lost), is queued again; a duplicate task finds it taken and
    stops. A fixed number of queries whatever the backlog; idempotent.
    """
    now = timezone.now()
    lease = render_lease()
    dead = JobFolderRender.objects.filter(status=RenderStatus.RENDERING, started_at__lt=now - lease)
    taken_back = dead.filter(attempts__lt=RENDER_MAX_ATTEMPTS).update(
        status=RenderStatus.QUEUED,
        enqueued_at=None,
        error="The PDF worker stopped while making it; trying again.",
        updated_at=now,
    )
    failed = dead.filter(attempts__gte=RENDER_MAX_ATTEMPTS).update(
        status=RenderStatus.FAILED,
        error=f"The PDF worker stopped while making it, {RENDER_MAX_ATTEMPTS} times. Print again to retry; "
        "if it fails again, a file in the folder may be too large.",
        finished_at=now,
        updated_at=now,
    )
    # Saved a moment ago: its request is handing it over. Taken back from a dead worker: due at once.
    never = Q(enqueued_at__isnull=True) & (Q(updated_at__lt=now - RENDER_RELAY_GRACE) | Q(started_at__lt=now - lease))
    due = JobFolderRender.objects.filter(Q(status=RenderStatus.QUEUED) & (never | Q(enqueued_at__lt=now - lease)))
    render_ids = list(due.order_by("pk").values_list("pk", flat=True)[:RENDER_BATCH])
    if render_ids:
        job_folder_renders_enqueue(render_ids=render_ids)
    return len(render_ids), taken_back, failed


def job_folder_render(*, render_id: int) -> JobFolderRender:
    """Render one folder PDF (called by the worker). Does nothing if it is already done.

    A failure lands the record in "failed" with the reason the office sees; asking again retries.
    Renders only a "queued" record, so of two copies of its task one renders and the other stops.
    """
    with transaction.atomic():
        render = JobFolderRender.objects.select_for_update().get(pk=render_id)
        # Only a queued render is taken: a duplicate task (the relay's, a redelivery) finds it in hand,
        # done or failed, and leaves it. One "rendering" past the lease is the relay's to take back.
        if render.status != RenderStatus.QUEUED:
            return render
        render.status = RenderStatus.RENDERING
        render.started_at = timezone.now()
        render.attempts += 1
        render.save(update_fields=["status", "started_at", "attempts", "updated_at"])
    try:
        content, page_count = pdfs.job_folder_pdf(job=render.job, audience=render.audience)
    except DomainError as error:
        return _render_failed(render, error.message)
    except Exception as error:
        logger.exception("Job folder render %s failed", render.pk)
        return _render_failed(render, f"The PDF could not be made: {type(error).__name__}: {error}"[:1000])
    with transaction.atomic():
        render = JobFolderRender.objects.select_for_update().get(pk=render_id)
        render.file.save(f"folder-{render.job_id}.pdf", ContentFile(content), save=False)
        render.status = RenderStatus.DONE
        render.page_count = page_count
        render.size = len(content)
        render.error = ""
        render.finished_at = timezone.now()
        render.save()
    return render


def _render_failed(render: JobFolderRender, reason: str) -> JobFolderRender:
    with transaction.atomic():
        render = JobFolderRender.objects.select_for_update().get(pk=render.pk)
        render.status = RenderStatus.FAILED
        render.error = reason
        render.finished_at = timezone.now()
        render.save(update_fields=["status", "error", "finished_at", "updated_at"])
    return render


def job_folder_send_to_printer(*, render: JobFolderRender, by) -> PrintJob:
    """Send a finished folder PDF to the office's printer (installops.printing, a print job on Celery)."""
    if render.status != RenderStatus.DONE or not render.file:
        raise DomainError("The folder PDF is not made yet: print it once it is ready.")
    job = render.job
    label = f"{render.get_audience_display()} {job.number} · {job.customer.name}"
    return print_job_request(file_name=render.file.name, label=label, by=by)


def job_folder_render_for_day(*, day, by=None) -> list[JobFolderRender]:
    """Ask for the field folder of every job with a visit that day (the evening before the page-out).

    Jobs whose folder did not change keep their PDF; the others render on the pdf queue.
    """
    return [
        job_folder_request_render(job=job, by=by, audience=FolderAudience.FIELD)
        for job in selectors.job_list_with_visits_on(day=day)
    ]
