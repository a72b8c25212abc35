"""What visits tell a job's lifecycle (registered by SchedulingConfig.ready()), each in words:

sold        no visit still booked (a job back in the Unscheduled queue holds no crew's time)
scheduled   a visit booked (not cancelled, rescheduled or on hold)
installed   the job's visits worked to the end (completed or closed out), at least one
closed      every visit closed out (or released)
"""

from installops.clock import company_date

from .choices import DONE_VISIT_STATUSES, OPEN_VISIT_STATUSES, RELEASED_VISIT_STATUSES, VisitStatus
from .models import Visit


def visit_day_text(visit: Visit) -> str:
    """The visit's day as the job's history names it: "Fri Dec 4"."""
    day = company_date(visit.starts_at)
    return f"{day:%a %b} {day.day}"


def _held_visits(job) -> list[Visit]:
    return list(Visit.objects.filter(job_id=job.pk).exclude(status__in=RELEASED_VISIT_STATUSES).order_by("starts_at"))


def visits_still_booked(job) -> list[str]:
    return [
        f"the visit of {visit_day_text(visit)} called off (it is {visit.get_status_display().lower()})"
        for visit in _held_visits(job)
        if visit.status in OPEN_VISIT_STATUSES
    ]


def no_visit_booked(job) -> list[str]:
    return [] if _held_visits(job) else ["a booked visit"]


def visits_not_done(job) -> list[str]:
    visits = _held_visits(job)
    if not visits:
        return ["a completed visit"]
    return [
        f"the visit of {visit_day_text(visit)} completed (it is {visit.get_status_display().lower()})"
        for visit in visits
        if visit.status not in DONE_VISIT_STATUSES
    ]


def visits_not_closed_out(job) -> list[str]:
    return [
        f"the visit of {visit_day_text(visit)} closed out (it is {visit.get_status_display().lower()})"
        for visit in _held_visits(job)
        if visit.status != VisitStatus.CLOSED_OUT
    ]
