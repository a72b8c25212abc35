"""A job's live permit as the office and the crews see it: its number once issued, else its status.

The board, the job page and list, the work order and the folder all show the same words, built here.
Nothing here carries the fee: these surfaces are shown to installers.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import OuterRef, Subquery

from ..choices import LIVE_PERMIT_STATUSES, NUMBERED_PERMIT_STATUSES, PermitStatus
from ..models import Permit

STATUS_LABELS = dict(PermitStatus.choices)


@dataclass(frozen=True)
class PermitSummary:
    status: str
    number: str

    @property
    def issued(self) -> bool:
        return self.status in NUMBERED_PERMIT_STATUSES

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    @property
    def text(self) -> str:
        """ "B24-0193" once issued (with "finaled" after the final), else "applied", "to apply"."""
        if self.status == PermitStatus.FINALED:
            return f"{self.number} (finaled)"
        if self.issued:
            return self.number
        return self.status_label.lower()


def _live_permits(job_ref: str):
    return Permit.objects.filter(job_id=OuterRef(job_ref), status__in=LIVE_PERMIT_STATUSES)


def live_permit_number_subquery(job_ref: str) -> Subquery:
    """The job's live permit number ("" before it is issued, NULL without a live permit), for annotate()."""
    return Subquery(_live_permits(job_ref).values("number")[:1])


def live_permit_status_subquery(job_ref: str) -> Subquery:
    """The job's live permit status (NULL without a live permit), for annotate()."""
    return Subquery(_live_permits(job_ref).values("status")[:1])


def permit_summary_from_values(status: str | None, number: str | None) -> PermitSummary | None:
    """The summary from the two annotated values; None when the job has no live permit."""
    if not status:
        return None
    return PermitSummary(status=status, number=number or "")


def permit_summary_for_jobs(*, job_ids: Iterable[int]) -> dict[int, PermitSummary]:
    """Each job's live permit, by job id (one query; a job without one is left out)."""
    rows = Permit.objects.filter(job_id__in=list(job_ids), status__in=LIVE_PERMIT_STATUSES).values_list(
        "job_id", "status", "number"
    )
    return {job_id: PermitSummary(status=status, number=number) for job_id, status, number in rows}


def permit_summary_for_job(*, job_id: int) -> PermitSummary | None:
    return permit_summary_for_jobs(job_ids=[job_id]).get(job_id)


def permit_job_fact_annotations(job_ref: str) -> dict:
    """The job page's and list's "Permit" fact (jobs.facts): the live permit's status and number."""
    return {"status": live_permit_status_subquery(job_ref), "number": live_permit_number_subquery(job_ref)}


def permit_job_fact_text(values: dict) -> str:
    summary = permit_summary_from_values(values["status"], values["number"])
    return summary.text if summary else ""
