"""Which visits (and jobs) a user may see, and which dispatch steps they may take on one."""

from django.db.models import Q, QuerySet

from jobs.choices import JobStatus

from ..choices import RELEASED_VISIT_STATUSES, VisitStatus
from ..models import Visit
from .people import visit_q_worked_by


def job_q_booked_for(user) -> Q:
    """The jobs with a visit the person works on that still holds its time (done ones count, cancelled
    or rescheduled ones do not): scheduling's part of who may see a job, registered into
    `jobs.visibility` by SchedulingConfig.ready(), which also hides cancelled jobs."""
    booked = Visit.objects.filter(visit_q_worked_by(user)).exclude(status__in=RELEASED_VISIT_STATUSES)
    return Q(pk__in=booked.values("job_id"))


def visit_list_visible_to(user) -> QuerySet[Visit]:
    """The visits this user may see at all: the office sees every one, field staff their own crew's.

    Every visit page and service call made for a user starts here, so another crew's visit is not
    found (404). A visit of a cancelled job is gone for the field, like its job; a visit cancelled or
    moved stays visible to its own people (a status tap queued offline still gets its answer), but no
    longer shows them its job (`job_q_booked_for`).
    """
    if not user.is_authenticated or not user.has_perm("scheduling.view_visit"):
        return Visit.objects.none()
    if user.has_perm("jobs.view_all_jobs"):
        return Visit.objects.all()
    own = Visit.objects.filter(visit_q_worked_by(user)).exclude(job__status=JobStatus.CANCELLED)
    return Visit.objects.filter(pk__in=own.values("pk"))


# What field staff may set themselves, from their phones; the rest is the office's.
FIELD_SETTABLE_STATUSES = [VisitStatus.ON_MY_WAY, VisitStatus.ON_SITE, VisitStatus.COMPLETED]


def visit_statuses_settable_by(*, visit: Visit, user) -> list[str]:
    """The next dispatch statuses this user may set on this visit (empty when none)."""
    from ..services.dispatch import visit_allowed_next_statuses

    if not user.has_perm("scheduling.set_visit_dispatch_status", visit):
        return []
    allowed = visit_allowed_next_statuses(visit=visit)
    if not user.has_perm("jobs.view_all_jobs"):
        allowed = [status for status in allowed if status in FIELD_SETTABLE_STATUSES]
    elif not user.has_perm("scheduling.close_out", visit):
        allowed = [status for status in allowed if status != VisitStatus.CLOSED_OUT]
    return allowed
