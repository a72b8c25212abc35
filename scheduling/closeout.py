"""Close-out: what must be true before a visit is closed out, as a list of named checks.

Each check takes the visit and returns what is missing, in words for the office ("completed time
not entered"), or nothing. Another app adds its own with `closeout_check`.
"""

from collections.abc import Callable
from dataclasses import dataclass

from .models import Visit


@dataclass(frozen=True)
class CloseoutCheck:
    name: str
    missing: Callable[[Visit], list[str]]


CLOSEOUT_CHECKS: list[CloseoutCheck] = []


def closeout_check(name: str):
    """Register a close-out check: `@closeout_check("times")` over `def f(visit) -> list[str]`."""

    def register(function):
        CLOSEOUT_CHECKS[:] = [check for check in CLOSEOUT_CHECKS if check.name != name]
        CLOSEOUT_CHECKS.append(CloseoutCheck(name, function))
        return function

    return register


@closeout_check("times")
def _times_entered(visit: Visit) -> list[str]:
    missing = []
    if visit.on_site_at is None:
        missing.append("on-site time not entered")
    if visit.completed_at is None:
        missing.append("completed time not entered")
    return missing


def visit_closeout_missing(*, visit: Visit) -> list[str]:
    """Everything still missing before the visit can be closed out (empty when it can be)."""
    return [item for check in CLOSEOUT_CHECKS for item in check.missing(visit)]


@closeout_check("checklist")
def _required_boxes_ticked(visit: Visit) -> list[str]:
    from .models import CloseoutItem

    ticked = set(visit.checklist_ticks.values_list("item_id", flat=True))
    required = CloseoutItem.objects.filter(kind=visit.job.kind, required=True, active=True)
    return [f"“{item.label}” not checked" for item in required if item.pk not in ticked]


@closeout_check("timecards")
def _hours_entered(visit: Visit) -> list[str]:
    return [] if visit.timecards.exists() else ["no timecard hours entered"]


@closeout_check("lead")
def _primary_is_actual_lead(visit: Visit) -> list[str]:
    actual_lead = visit.actual_lead
    if actual_lead is None:
        return ["actual lead not recorded"]
    if visit.job.primary_tech_id != actual_lead.user_id:
        return [f"the job's primary tech is not {actual_lead}, who led the work"]
    return []


@closeout_check("paperwork")
def _paperwork_attached(visit: Visit) -> list[str]:
    from jobs.selectors import job_paperwork_missing

    return [f"{label} not in the job folder" for label in job_paperwork_missing(job=visit.job)]
