"""A job's inspections: requested (by the office or from the crew's phone), booked with the
jurisdiction, then the inspector's result, and what each result sets off.

    to book ──book──▶ scheduled ──result──▶ passed · failed · no access · cancelled
       │                  └──book again (moved)
       └──cancelled

A failed inspection books a correction job on the original install and a re-inspection; "no access"
waits until the office has reconfirmed the day with the customer, which creates the next one to book;
a passed final finals the permit and lets the job become Inspected.
"""

from collections.abc import Iterable
from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone

from installops.clock import company_today
from installops.date_window import date_window_refusal
from installops.errors import DomainError, full_clean_or_refuse
from installops.history import history_note
from jobs import services as job_services
from jobs.choices import DocumentCategory, JobKind, JobStatus
from jobs.models import Job

from ..choices import (
    INSPECTION_RESULTS,
    LIVE_PERMIT_STATUSES,
    OPEN_INSPECTION_STATUSES,
    InspectionBookingMethod,
    InspectionKind,
    InspectionRequestedVia,
    InspectionStatus,
    PermitStatus,
)
from ..models import Inspection, Permit

NOTE_MAX_LENGTH = 4000


def _lock_job(job_id: int) -> None:
    list(Job.objects.select_for_update().filter(pk=job_id).values_list("pk", flat=True))


def _live_permit(job_id: int) -> Permit | None:
    return Permit.objects.filter(job_id=job_id, status__in=LIVE_PERMIT_STATUSES).first()


def _open_of_kind(job_id: int, kind: str) -> Inspection | None:
    return Inspection.objects.filter(job_id=job_id, kind=kind, status__in=OPEN_INSPECTION_STATUSES).first()


def _refuse_second_open(job_id: int, kind: str) -> None:
    already = _open_of_kind(job_id, kind)
    if already is not None:
        raise DomainError(
            f"The office already has a {already.get_kind_display().lower()} to book or booked on this job.",
            field="kind",
        )


def _refuse_day(day: date | None, *, field: str) -> None:
    if day is None:
        raise DomainError("Pick the day.", field=field)
    refusal = date_window_refusal(day)
    if refusal:
        raise DomainError(refusal, field=field)


def _locked(inspection: Inspection) -> Inspection:
    return Inspection.objects.select_for_update().select_related("job").get(pk=inspection.pk)


def inspection_request(
    *,
    job: Job,
    kind: str,
    by,
    via: str = InspectionRequestedVia.OFFICE,
    note: str = "",
    client_uuid=None,
) -> Inspection:
    """Ask for an inspection to be booked: one open inspection per kind and job.

    From the phone, `client_uuid` is the phone's id for the request: the same id arriving again (a
    retried send, an offline queue replayed, both copies at once) returns the first inspection.
    The job is locked while its open inspections are checked; the database keeps one open per kind.
    """
    if client_uuid is not None:
        existing = Inspection.objects.filter(client_uuid=client_uuid).first()
        if existing is not None:
            return existing
    if kind not in InspectionKind.values:
        raise DomainError("Pick which inspection the job needs.", field="kind")
    if via not in InspectionRequestedVia.values:
        raise DomainError("Say who asked for the inspection.", field="via")
    note = (note or "").strip()
    if len(note) > NOTE_MAX_LENGTH:
        raise DomainError(f"Keep the note under {NOTE_MAX_LENGTH} characters.", field="note")
    try:
        with transaction.atomic():
            _lock_job(job.pk)
            if client_uuid is not None:
                existing = Inspection.objects.filter(client_uuid=client_uuid).first()
                if existing is not None:
                    return existing  # the other copy of this request got the lock first
            _refuse_second_open(job.pk, kind)
            inspection = Inspection(
                job=job, permit=_live_permit(job.pk), kind=kind, status=InspectionStatus.TO_BOOK,
                requested_via=via, requested_by=by, requested_at=timezone.now(), request_note=note,
                client_uuid=client_uuid,
            )  # fmt: skip
            # The phone's id and the one open inspection per kind are the database's to check (below).
            full_clean_or_refuse(inspection, validate_unique=False, validate_constraints=False)
            history_note(inspection, by=by, reason="Requested")
            inspection.save()
    except IntegrityError:
        if client_uuid is not None:
            first = Inspection.objects.filter(client_uuid=client_uuid).first()
            if first is not None:
                return first
        _refuse_second_open(job.pk, kind)
        raise
    return inspection


def inspection_book(
    *,
    inspection: Inspection,
    by,
    scheduled_on: date,
    window: str = "",
    inspector: str = "",
    booked_by_method: str = "",
    booking_reference: str = "",
) -> Inspection:
    """The jurisdiction gave a day (and a window): the inspection is scheduled, or moved to the new day."""
    _refuse_day(scheduled_on, field="scheduled_on")
    if booked_by_method and booked_by_method not in InspectionBookingMethod.values:
        raise DomainError("Pick how it was booked.", field="booked_by_method")
    with transaction.atomic():
        inspection = _locked(inspection)
        if inspection.status not in OPEN_INSPECTION_STATUSES:
            raise DomainError(
                f"This inspection is {inspection.get_status_display().lower()}: it cannot be booked.",
                field="scheduled_on",
            )
        moved = inspection.status == InspectionStatus.SCHEDULED
        inspection.status = InspectionStatus.SCHEDULED
        inspection.scheduled_on = scheduled_on
        inspection.window = (window or "").strip()
        inspection.inspector = (inspector or "").strip()
        inspection.booked_by_method = booked_by_method
        inspection.booking_reference = (booking_reference or "").strip()
        if inspection.permit_id is None:
            inspection.permit = _live_permit(inspection.job_id)
        full_clean_or_refuse(inspection, validate_unique=False)
        history_note(
            inspection, by=by, reason=f"{'Moved' if moved else 'Booked'} for {scheduled_on:%b} {scheduled_on.day}"
        )
        inspection.save()
    return inspection


def inspection_record_result(
    *,
    inspection: Inspection,
    by,
    result: str,
    result_on: date,
    notes: str = "",
    corrections: str = "",
    photos: Iterable = (),
) -> Inspection:
    """The inspector's answer on the day (or the office calling it off).

    Passed, failed and no access need a booked inspection; a cancelled one may not have been booked.
    Failed needs the corrections: it books a correction job and a re-inspection in the same transaction.
    A passed final finals the job's permit and moves an installed job to Inspected when its facts hold.
    """
    if result not in INSPECTION_RESULTS:
        raise DomainError("Pick the result.", field="result")
    _refuse_day(result_on, field="result_on")
    if result_on > company_today():
        raise DomainError("A result is recorded on or after the day it was given.", field="result_on")
    corrections = (corrections or "").strip()
    if result == InspectionStatus.FAILED and not corrections:
        raise DomainError("Write what the inspector wants corrected.", field="corrections")
    with transaction.atomic():
        inspection = _locked(inspection)
        if result == InspectionStatus.CANCELLED:
            allowed = inspection.status in OPEN_INSPECTION_STATUSES
        else:
            allowed = inspection.status == InspectionStatus.SCHEDULED
        if not allowed:
            raise DomainError(
                f"This inspection is {inspection.get_status_display().lower()}: it cannot be "
                f"{InspectionStatus(result).label.lower()}.",
                field="result",
            )
        if inspection.scheduled_on and result != InspectionStatus.CANCELLED and result_on < inspection.scheduled_on:
            raise DomainError("The result cannot come before the inspection's day.", field="result_on")
        inspection.status = result
        inspection.result_on = result_on
        inspection.result_notes = (notes or "").strip()
        inspection.corrections = corrections if result == InspectionStatus.FAILED else ""
        inspection.recorded_by = by
        full_clean_or_refuse(inspection, validate_unique=False)
        for upload in photos:
            document = job_services.document_upload(
                job=inspection.job,
                category=DocumentCategory.PICTURES,
                upload=upload,
                by=by,
                title=f"{inspection.get_kind_display()} {result_on:%b} {result_on.day}",
            )
            inspection.photos.add(document)
        if result == InspectionStatus.FAILED:
            inspection.correction_job = _correction_job(inspection, by=by)
        history_note(inspection, by=by, reason=InspectionStatus(result).label)
        inspection.save()
        if result == InspectionStatus.FAILED:
            _reinspection(inspection, by=by)
        if result == InspectionStatus.PASSED and inspection.kind == InspectionKind.FINAL:
            _final_passed(inspection, by=by)
    return inspection


def _correction_job(inspection: Inspection, *, by) -> Job:
    """A correction call on the original install, sold today, waiting in the unscheduled queue."""
    job = inspection.job
    original = job.original_job if job.original_job_id else job
    return job_services.job_create(
        customer=job.customer,
        site=job.site,
        by=by,
        kind=JobKind.CORRECTION,
        original_job=original,
        sold_on=company_today(),
        salesperson=job.salesperson,
        primary_tech=job.primary_tech,
        description=f"Correct what the {inspection.get_kind_display().lower()} of {job.number} failed on: "
        f"{inspection.corrections}",
    )


def _reinspection(failed: Inspection, *, by) -> Inspection:
    """The same kind again, to book once the corrections are done (the failed one was the open one)."""
    reinspection = Inspection(
        job_id=failed.job_id, permit_id=failed.permit_id, kind=failed.kind, status=InspectionStatus.TO_BOOK,
        requested_via=InspectionRequestedVia.OFFICE, requested_by=by, requested_at=timezone.now(),
        request_note=f"Re-inspection after the corrections: {failed.corrections}"[:NOTE_MAX_LENGTH],
        reinspection_of=failed,
    )  # fmt: skip
    full_clean_or_refuse(reinspection, validate_unique=False, validate_constraints=False)
    history_note(reinspection, by=by, reason="Re-inspection")
    reinspection.save()
    return reinspection


def _final_passed(inspection: Inspection, *, by) -> None:
    # Finaling the permit is written here until the permit lifecycle has its own service for it.
    permits = Permit.objects.select_for_update()
    if inspection.permit_id:
        permit = permits.filter(pk=inspection.permit_id).first()
    else:
        permit = permits.filter(job_id=inspection.job_id, status__in=LIVE_PERMIT_STATUSES).first()
    if permit is not None and permit.status == PermitStatus.ISSUED:
        permit.status = PermitStatus.FINALED
        permit.finaled_on = inspection.result_on
        full_clean_or_refuse(permit, validate_unique=False)
        history_note(permit, by=by, reason="Final inspection passed")
        permit.save()
    if inspection.job.status == JobStatus.INSTALLED:
        job_services.job_follow_facts(
            job=inspection.job, to_status=JobStatus.INSPECTED, by=by, note="Final inspection passed"
        )


def inspection_reconfirm(*, inspection: Inspection, by, note: str = "") -> Inspection:
    """After "no access": the office reconfirmed with the customer; the next inspection is to book."""
    note = (note or "").strip()
    if len(note) > NOTE_MAX_LENGTH:
        raise DomainError(f"Keep the note under {NOTE_MAX_LENGTH} characters.", field="note")
    with transaction.atomic():
        _lock_job(inspection.job_id)
        inspection = _locked(inspection)
        if inspection.status != InspectionStatus.NO_ACCESS:
            raise DomainError("Only an inspection the inspector could not get into is reconfirmed.", field="note")
        if inspection.access_reconfirmed_at is not None:
            raise DomainError("The customer was already reconfirmed for this one.", field="note")
        _refuse_second_open(inspection.job_id, inspection.kind)
        inspection.access_reconfirmed_at = timezone.now()
        history_note(inspection, by=by, reason="Access reconfirmed with the customer")
        inspection.save(update_fields=["access_reconfirmed_at", "updated_at"])
        following = Inspection(
            job_id=inspection.job_id, permit_id=inspection.permit_id, kind=inspection.kind,
            status=InspectionStatus.TO_BOOK, requested_via=InspectionRequestedVia.OFFICE, requested_by=by,
            requested_at=timezone.now(),
            request_note=note or "Rebook: the inspector had no access, the customer reconfirmed.",
        )  # fmt: skip
        full_clean_or_refuse(following, validate_unique=False, validate_constraints=False)
        history_note(following, by=by, reason="Rebooked after no access")
        following.save()
    return following
