"""Subcontractors' work on a job (a crane lift, insulation): booked and called off."""

from datetime import datetime

from django.db import transaction

from installops.errors import DomainError, full_clean_or_refuse
from installops.history import history_note
from jobs.models import Job

from ..choices import SubcontractorBookingStatus
from ..models import Subcontractor, SubcontractorBooking
from .checks import check_job_bookable, check_times


def subcontractor_booking_create(
    *, job: Job, subcontractor: Subcontractor, starts_at: datetime, ends_at: datetime, notes: str = "", by
) -> SubcontractorBooking:
    """Book a subcontractor's work on a job; it shows on the board under the crews.

    The job and the subcontractor are locked while they are checked, so a job put on hold (or a
    subcontractor dropped) at the same moment is not booked anyway; the booking and its history
    row are saved together or not at all.
    """
    check_times(starts_at, ends_at, None, None)
    with transaction.atomic():
        job = Job.objects.select_for_update().get(pk=job.pk)
        check_job_bookable(job)
        subcontractor = Subcontractor.objects.select_for_update().get(pk=subcontractor.pk)
        if not subcontractor.active:
            raise DomainError(f"{subcontractor} is no longer used.", field="subcontractor")
        booking = SubcontractorBooking(
            job=job, subcontractor=subcontractor, starts_at=starts_at, ends_at=ends_at, notes=notes, booked_by=by
        )
        full_clean_or_refuse(booking)
        history_note(booking, by=by)
        booking.save()
    return booking


def subcontractor_booking_cancel(*, booking: SubcontractorBooking, by, reason: str) -> SubcontractorBooking:
    """Call a subcontractor off, with the reason. Calling off twice changes nothing the second time."""
    if not reason.strip():
        raise DomainError("Say why the subcontractor is called off.", field="reason")
    with transaction.atomic():
        booking = SubcontractorBooking.objects.select_for_update().get(pk=booking.pk)
        if booking.status == SubcontractorBookingStatus.CANCELLED:
            return booking
        booking.status = SubcontractorBookingStatus.CANCELLED
        booking.cancel_reason = reason.strip()
        history_note(booking, by=by, reason=reason.strip())
        booking.save()
    return booking
