"""A job put on hold or cancelled lets go of its visits and subcontractors, in the job's transaction.

Registered with `jobs.lifecycle.register_job_release_handler` by SchedulingConfig.ready(): each
visit still holding time is cancelled (or put on hold with the job) through the dispatch step, so
it gets its VisitStatusChange row, its history and `visit_dispatch_status_changed` after commit. A
visit that cannot be released (the crew is on site) refuses the whole move.
"""

from installops.errors import DomainError
from jobs.choices import JobStatus

from ..choices import OPEN_VISIT_STATUSES, SubcontractorBookingStatus, VisitStatus
from ..lifecycle import visit_day_text
from ..models import SubcontractorBooking, Visit
from .dispatch import visit_status_apply
from .subcontractors import subcontractor_booking_cancel


def job_release_visits(*, job, to_status: str, by, reason: str) -> None:
    visit_status = VisitStatus.ON_HOLD if to_status == JobStatus.ON_HOLD else VisitStatus.CANCELLED
    job_label = "put on hold" if to_status == JobStatus.ON_HOLD else "cancelled"
    visits = Visit.objects.filter(job_id=job.pk, status__in=OPEN_VISIT_STATUSES).order_by("starts_at", "pk")
    for visit in visits:
        try:
            visit_status_apply(
                visit=visit,
                to_status=visit_status,
                by=by,
                at=None,
                reason=f"Job {job_label}: {reason}",
                release_job=False,
            )
        except DomainError as error:
            raise DomainError(
                f"The visit of {visit_day_text(visit)} is {visit.get_status_display().lower()}: "
                f"the job cannot be {job_label} before that visit is completed.",
                field="to_status",
            ) from error
    if to_status == JobStatus.CANCELLED:
        booked = SubcontractorBooking.objects.filter(job_id=job.pk, status=SubcontractorBookingStatus.BOOKED)
        for booking in booked.order_by("starts_at", "pk"):
            subcontractor_booking_cancel(booking=booking, by=by, reason=f"Job cancelled: {reason}")
