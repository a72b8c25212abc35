"""The install administrator's follow-up list: the paperwork that waits on the office, oldest first.

Each kind of line is one query over the permits tables (values only, the job and the customer
joined in), so the list costs the same number of queries for ten permits or five thousand. Days are
company days (`installops.clock`): a permit applied on a day counts from that day, whatever the hour.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db.models import DateField, Exists, ExpressionWrapper, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse

from installops.clock import company_date, company_today
from jobs.choices import JobStatus
from jobs.models import Job, JobStatusChange

from ..choices import (
    FollowUpKind,
    HersStatus,
    InspectionKind,
    InspectionStatus,
    PermitStatus,
    Title24FormKind,
    Title24Trigger,
)
from ..models import HersVerification, Inspection, Permit, Title24Form, Title24Scope
from .requirements import permit_needed_q

# The job kinds that need a building permit (an exemption with a reason says otherwise for one job).
# Jobs nobody works on any more, or not yet again: nothing of theirs is chased.
QUIET_JOB_STATUSES = [JobStatus.CANCELLED, JobStatus.ON_HOLD]
# The crew has been: the install is done (the last visit completed moves a job to Installed).
INSTALLED_JOB_STATUSES = [JobStatus.INSTALLED, JobStatus.INSPECTED, JobStatus.INVOICED, JobStatus.CLOSED]
# A permit applied for or issued: the application is behind the job.
APPLIED_PERMIT_STATUSES = [PermitStatus.APPLIED, PermitStatus.ISSUED, PermitStatus.FINALED]

# Where each kind of line is fixed: the job page's panel (`jobs.panels`: the panel's name, its anchor
# `panel-<name>`).
PANEL_OF_KIND = {
    FollowUpKind.TO_APPLY: "permit",
    FollowUpKind.NOT_ISSUED: "permit",
    FollowUpKind.EXPIRING: "permit",
    FollowUpKind.NO_INSPECTION: "inspections",
    FollowUpKind.INSPECTION_TO_BOOK: "inspections",
    FollowUpKind.INSPECTION_OVERDUE: "inspections",
    FollowUpKind.INSPECTION_FAILED: "inspections",
    FollowUpKind.NO_ACCESS: "inspections",
    FollowUpKind.HERS_FAILED: "title24",
    FollowUpKind.TITLE24_MISSING: "title24",
}
FOLLOW_UP_KIND_ORDER = {kind: index for index, kind in enumerate(FollowUpKind)}
JOB_FIELDS = {"job_number": F("job__number"), "customer_name": F("job__customer__name")}


@dataclass(frozen=True)
class FollowUpLine:
    kind: str
    job_id: int
    job_number: str
    customer_name: str
    what: str
    since: date
    age_days: int

    @property
    def kind_label(self) -> str:
        return FollowUpKind(self.kind).label

    @property
    def fix_url(self) -> str:
        """The job page, at the panel where this is fixed."""
        return f"{reverse('jobs:job_detail', args=[self.job_id])}#panel-{PANEL_OF_KIND[FollowUpKind(self.kind)]}"


def _day(value: date | datetime) -> date:
    return company_date(value) if isinstance(value, datetime) else value


def _line(kind: str, row: Mapping[str, Any], *, what: str, since: date | datetime | None, today: date) -> FollowUpLine:
    # Every kind's date is set in its status (the model's constraints); today only as a fallback.
    since = _day(since) if since is not None else today
    return FollowUpLine(
        kind=kind,
        job_id=row["job_id"],
        job_number=row["job_number"],
        customer_name=row["customer_name"],
        what=what,
        since=since,
        age_days=(today - since).days,
    )


def _short(day: date | None) -> str:
    return f"{day:%b} {day.day}" if day else "(no date)"


# ---------------------------------------------------------------- one query per kind


def _to_apply(today: date) -> Iterable[FollowUpLine]:
    """Sold jobs that need a permit, none applied for, sold more than PERMIT_APPLY_WITHIN_DAYS days ago."""
    sold_before = today - timedelta(days=settings.PERMIT_APPLY_WITHIN_DAYS)
    applied = Permit.objects.filter(job=OuterRef("pk"), status__in=APPLIED_PERMIT_STATUSES)
    rows = (
        Job.objects.filter(permit_needed_q("pk"), sold_on__lt=sold_before)
        .exclude(status__in=[*QUIET_JOB_STATUSES, JobStatus.CLOSED])
        .filter(~Exists(applied))
        .values("sold_on", job_id=F("pk"), job_number=F("number"), customer_name=F("customer__name"))
    )
    for row in rows:
        yield _line(
            FollowUpKind.TO_APPLY,
            row,
            what=f"Sold {_short(row['sold_on'])}, no permit applied for",
            since=row["sold_on"],
            today=today,
        )


def _permits() -> QuerySet[Permit]:
    return Permit.objects.exclude(job__status__in=QUIET_JOB_STATUSES)


def _not_issued(today: date) -> Iterable[FollowUpLine]:
    """Applied for longer ago than the jurisdiction's typical days to issue."""
    due = ExpressionWrapper(F("applied_on") + F("jurisdiction__typical_days_to_issue"), output_field=DateField())
    rows = (
        _permits()
        .filter(status=PermitStatus.APPLIED, applied_on__isnull=False)
        .alias(due_on=due)
        .filter(due_on__lt=today)
        .values(
            "job_id",
            "applied_on",
            jurisdiction_name=F("jurisdiction__name"),
            typical_days=F("jurisdiction__typical_days_to_issue"),
            **JOB_FIELDS,
        )  # fmt: skip
    )
    for row in rows:
        what = (
            f"Applied {_short(row['applied_on'])} to {row['jurisdiction_name']}, "
            f"which usually issues in {row['typical_days']} days"
        )
        yield _line(FollowUpKind.NOT_ISSUED, row, what=what, since=row["applied_on"], today=today)


def _no_inspection(today: date) -> Iterable[FollowUpLine]:
    """An issued permit on an installed job, and no final inspection asked for (a cancelled one does not count)."""
    final = Inspection.objects.filter(job=OuterRef("job"), kind=InspectionKind.FINAL).exclude(
        status=InspectionStatus.CANCELLED
    )
    installed_at = (
        JobStatusChange.objects.filter(job=OuterRef("job"), to_status=JobStatus.INSTALLED)
        .order_by("-changed_at")
        .values("changed_at")[:1]
    )
    rows = (
        _permits()
        .filter(status=PermitStatus.ISSUED, job__status__in=INSTALLED_JOB_STATUSES)
        .filter(~Exists(final))
        .annotate(installed_at=Subquery(installed_at))
        .values("job_id", "installed_at", "issued_on", "number", **JOB_FIELDS)
    )
    for row in rows:
        since = row["installed_at"] or row["issued_on"] or today
        what = f"Permit {row['number']}: installed {_short(_day(since))}, no final inspection requested"
        yield _line(FollowUpKind.NO_INSPECTION, row, what=what, since=since, today=today)


def _inspections() -> QuerySet[Inspection]:
    return Inspection.objects.exclude(job__status__in=QUIET_JOB_STATUSES)


def _inspection_to_book(today: date) -> Iterable[FollowUpLine]:
    rows = _inspections().filter(status=InspectionStatus.TO_BOOK).values("job_id", "kind", "requested_at", **JOB_FIELDS)
    for row in rows:
        what = f"{InspectionKind(row['kind']).label} requested {_short(_day(row['requested_at']))}, not booked"
        yield _line(FollowUpKind.INSPECTION_TO_BOOK, row, what=what, since=row["requested_at"], today=today)


def _inspection_overdue(today: date) -> Iterable[FollowUpLine]:
    """Booked for a day before today and no result recorded (today's may still come in today)."""
    rows = (
        _inspections()
        .filter(status=InspectionStatus.SCHEDULED, scheduled_on__lt=today)
        .values("job_id", "kind", "scheduled_on", **JOB_FIELDS)
    )
    for row in rows:
        what = f"{InspectionKind(row['kind']).label} was booked for {_short(row['scheduled_on'])}: no result recorded"
        yield _line(FollowUpKind.INSPECTION_OVERDUE, row, what=what, since=row["scheduled_on"], today=today)


def _inspection_failed(today: date) -> Iterable[FollowUpLine]:
    rows = (
        _inspections()
        .filter(status=InspectionStatus.FAILED, reinspection__isnull=True)
        .values("job_id", "kind", "result_on", "corrections", **JOB_FIELDS)
    )
    for row in rows:
        what = f"{InspectionKind(row['kind']).label} failed {_short(row['result_on'])}, no re-inspection booked"
        if row["corrections"]:
            what += f": {row['corrections'][:120]}"
        yield _line(FollowUpKind.INSPECTION_FAILED, row, what=what, since=row["result_on"], today=today)


def _no_access(today: date) -> Iterable[FollowUpLine]:
    rows = (
        _inspections()
        .filter(status=InspectionStatus.NO_ACCESS, access_reconfirmed_at__isnull=True, reinspection__isnull=True)
        .values("job_id", "kind", "result_on", **JOB_FIELDS)
    )
    for row in rows:
        what = (
            f"{InspectionKind(row['kind']).label} on {_short(row['result_on'])}: no access, reconfirm with the customer"
        )
        yield _line(FollowUpKind.NO_ACCESS, row, what=what, since=row["result_on"], today=today)


def _hers_failed(today: date) -> Iterable[FollowUpLine]:
    rows = (
        HersVerification.objects.exclude(job__status__in=QUIET_JOB_STATUSES)
        .filter(status=HersStatus.FAILED, retest__isnull=True)
        .annotate(day=Coalesce("result_on", "scheduled_on"))
        .values("job_id", "day", "created_at", "rater_company", **JOB_FIELDS)
    )
    for row in rows:
        since = row["day"] or row["created_at"]
        rater = f" ({row['rater_company']})" if row["rater_company"] else ""
        what = f"HERS verification failed {_short(_day(since))}{rater}, no re-test booked"
        yield _line(FollowUpKind.HERS_FAILED, row, what=what, since=since, today=today)


def _title24_missing(today: date) -> Iterable[FollowUpLine]:
    """A job under Title 24 missing a form that is due: the CF1R once the permit is applied for, the
    installer's CF2R once installed, the rater's CF3R once installed where HERS is required."""

    def has(kind: str) -> Exists:
        return Exists(Title24Form.objects.filter(job=OuterRef("job"), kind=kind).exclude(registry_id=""))

    applied = Exists(Permit.objects.filter(job=OuterRef("job"), status__in=APPLIED_PERMIT_STATUSES))
    installed = Q(job__status__in=INSTALLED_JOB_STATUSES)
    rows = (
        Title24Scope.objects.exclude(trigger=Title24Trigger.NONE)
        .exclude(job__status__in=QUIET_JOB_STATUSES)
        .annotate(
            applied=applied,
            has_cf1r=has(Title24FormKind.CF1R),
            has_cf2r=has(Title24FormKind.CF2R),
            has_cf3r=has(Title24FormKind.CF3R),
        )
        .filter(
            Q(applied=True, has_cf1r=False)
            | (installed & Q(has_cf2r=False))
            | (installed & Q(hers_required=True, has_cf3r=False))
        )
        .values(
            "job_id",
            "created_at",
            "hers_required",
            "applied",
            "has_cf1r",
            "has_cf2r",
            "has_cf3r",
            job_status=F("job__status"),
            **JOB_FIELDS,
        )  # fmt: skip
    )
    for row in rows:
        is_installed = row["job_status"] in INSTALLED_JOB_STATUSES
        missing = [
            label
            for label, is_missing in (
                ("CF1R", row["applied"] and not row["has_cf1r"]),
                ("CF2R", is_installed and not row["has_cf2r"]),
                ("CF3R", is_installed and row["hers_required"] and not row["has_cf3r"]),
            )
            if is_missing
        ]
        what = f"Missing {', '.join(missing)} (with the registry id)"
        yield _line(FollowUpKind.TITLE24_MISSING, row, what=what, since=row["created_at"], today=today)


def _expiring(today: date) -> Iterable[FollowUpLine]:
    """Issued permits expiring within PERMIT_EXPIRY_WARNING_DAYS (or past it, not marked expired yet).

    Without an expiry date on the permit, the jurisdiction's valid days from the issue date.
    """
    warning = timedelta(days=settings.PERMIT_EXPIRY_WARNING_DAYS)
    valid_until = ExpressionWrapper(F("issued_on") + F("jurisdiction__permit_valid_days"), output_field=DateField())
    rows = (
        _permits()
        .filter(status=PermitStatus.ISSUED)
        .annotate(expiry=Coalesce("expires_on", valid_until, output_field=DateField()))
        .filter(expiry__lte=today + warning)
        .values("job_id", "expiry", "number", **JOB_FIELDS)
    )
    for row in rows:
        expiry = row["expiry"]
        left = (expiry - today).days
        when = f"in {left} day{'s' if left != 1 else ''}" if left > 0 else ("today" if left == 0 else "already")
        what = f"Permit {row['number']} expires {_short(expiry)} ({when})"
        yield _line(FollowUpKind.EXPIRING, row, what=what, since=expiry - warning, today=today)


KIND_QUERIES = {
    FollowUpKind.TO_APPLY: _to_apply,
    FollowUpKind.NOT_ISSUED: _not_issued,
    FollowUpKind.NO_INSPECTION: _no_inspection,
    FollowUpKind.INSPECTION_TO_BOOK: _inspection_to_book,
    FollowUpKind.INSPECTION_OVERDUE: _inspection_overdue,
    FollowUpKind.INSPECTION_FAILED: _inspection_failed,
    FollowUpKind.NO_ACCESS: _no_access,
    FollowUpKind.HERS_FAILED: _hers_failed,
    FollowUpKind.TITLE24_MISSING: _title24_missing,
    FollowUpKind.EXPIRING: _expiring,
}


def follow_up_list(*, kinds: Iterable[str] | None = None, today: date | None = None) -> list[FollowUpLine]:
    """Every line of the follow-up list (or of those kinds), oldest first: one query per kind."""
    today = today or company_today()
    wanted = [FollowUpKind(kind) for kind in kinds] if kinds else list(FollowUpKind)
    lines = [line for kind in wanted for line in KIND_QUERIES[kind](today)]
    return sorted(lines, key=lambda line: (line.since, FOLLOW_UP_KIND_ORDER[FollowUpKind(line.kind)], line.job_number))


def follow_up_counts(*, today: date | None = None) -> dict[str, int]:
    """How many lines of each kind (every kind named, zero or not)."""
    counts: dict[str, int] = dict.fromkeys(FollowUpKind.values, 0)
    for line in follow_up_list(today=today):
        counts[FollowUpKind(line.kind)] += 1
    return counts
