"""Readiness: what is still missing before a job's visit can go ahead, as named SQL checks.

Each app that knows something a job needs registers its check from its AppConfig.ready(): jobs
(equipment ordered, paperwork in the folder), permits (a permit number), scheduling (the customer
confirmed), notifications (the customer asked for another day). Every page that shows readiness
annotates its own queryset through `readiness_annotate`, so a check costs a subquery inside the
page's one query, never a query per row.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet

from .choices import JobKind


@dataclass(frozen=True)
class ReadinessCheck:
    """`missing(job_ref, on_visits)` returns a boolean SQL expression, true when the thing is missing.

    `job_ref` is the path from the annotated rows to the job's id: "pk" when the rows are jobs,
    "job_id" when they are a job's visits; `on_visits` says the rows are visits, so a check may
    test the visit row itself.
    """

    name: str
    label: str
    icon: str
    order: int
    missing: Callable[[str, bool], Any]


READINESS_CHECKS: list[ReadinessCheck] = []


def register_readiness_check(
    name: str, *, label: str, icon: str, missing: Callable[[str, bool], Any], order: int = 100
) -> None:
    """Add a check (registering the same name again replaces it). Pages list checks by `order`."""
    checks = [check for check in READINESS_CHECKS if check.name != name]
    checks.append(ReadinessCheck(name, label, icon, order, missing))
    READINESS_CHECKS[:] = sorted(checks, key=lambda check: check.order)


def readiness_annotate(queryset: QuerySet, *, on_visits: bool) -> QuerySet:
    """Adds `missing_<check>` booleans to a queryset of jobs or of visits (no extra query)."""
    job_ref = "job_id" if on_visits else "pk"
    return queryset.annotate(
        **{
            f"missing_{check.name}": ExpressionWrapper(check.missing(job_ref, on_visits), output_field=BooleanField())
            for check in READINESS_CHECKS
        }
    )


def readiness_missing(row) -> list[ReadinessCheck]:
    """The checks a row annotated by `readiness_annotate` fails, in check order (model or values() row)."""
    if isinstance(row, dict):
        return [check for check in READINESS_CHECKS if row.get("missing_" + check.name)]
    return [check for check in READINESS_CHECKS if getattr(row, f"missing_{check.name}", False)]


def job_field(job_ref: str, field: str) -> str:
    """The path to one of the job's fields from the annotated rows ("kind" or "job__kind")."""
    return field if job_ref == "pk" else f"job__{field}"


# ---------------------------------------------------------------- this app's checks (see JobsConfig.ready)


def equipment_not_ordered(job_ref: str, on_visits: bool):
    needs_equipment = Q(**{job_field(job_ref, "kind"): JobKind.INSTALL}) | ~Q(
        **{job_field(job_ref, "equipment_proposed"): ""}
    )
    return needs_equipment & Q(**{f"{job_field(job_ref, 'equipment_ordered_on')}__isnull": True})


def paperwork_missing(job_ref: str, on_visits: bool):
    from .selectors import job_paperwork_missing_expression

    return job_paperwork_missing_expression(job_ref)


def job_readiness_missing(job) -> list[str]:
    """What the readiness checks still flag for one job, in words (the Ready status's condition)."""
    from .models import Job

    row = readiness_annotate(Job.objects.filter(pk=job.pk), on_visits=False).values(
        *[f"missing_{check.name}" for check in READINESS_CHECKS]
    )
    found = row.first() or {}
    return [check.label.lower() for check in readiness_missing(found)] if found else []
