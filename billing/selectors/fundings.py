"""What the funding pages show: the fundings waiting on finance companies, the dealer fees by month, and
a job's funding for its panel."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, DateField, QuerySet, Sum
from django.db.models.functions import TruncMonth

from jobs.selectors import job_list_visible_to

from ..choices import FundingStatus
from ..models import FinanceFunding
from ..money import ZERO

F = FundingStatus
# The list's default: asked for and not received, the money the company is waiting on.
WAITING = F.REQUESTED
# A funding requested longer ago than this is worth a call to the finance company (shown in red).
FUNDING_CHASE_AFTER_DAYS = 14
# Where each state's list starts: the oldest step first.
ORDER_BY: dict[str, list[str]] = {
    F.APPROVED: ["approved_on", "id"],
    F.CERTIFICATE_SIGNED: ["certificate_signed_on", "id"],
    F.REQUESTED: ["requested_on", "id"],
    F.FUNDED: ["-funded_on", "-id"],
    F.RECONCILED: ["-reconciled_at", "-id"],
    F.CANCELLED: ["-updated_at", "-id"],
}


def funding_list(*, user, status: str = WAITING) -> QuerySet:
    """The fundings in one state, with job, customer and finance company, in one query (page it)."""
    fundings = FinanceFunding.objects.filter(job__in=job_list_visible_to(user), status=status)
    return fundings.select_related("job", "job__customer", "finance_company").order_by(*ORDER_BY[status])


def funding_counts(*, user) -> dict[str, int]:
    """How many fundings are in each state (the filter's counts), in one query."""
    rows = (
        FinanceFunding.objects.filter(job__in=job_list_visible_to(user))
        .values("status")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts = dict.fromkeys(F.values, 0)
    counts.update({row["status"]: row["n"] for row in rows})
    return counts


@dataclass(frozen=True)
class MonthFees:
    month: date
    fundings: int
    funded: Decimal
    fees: Decimal
    net: Decimal


def dealer_fees_by_month(*, user, months: int = 12, today: date) -> list[MonthFees]:
    """The dealer fees of the fundings received, month by month (newest first), over the last `months`."""
    first = date(today.year, today.month, 1)
    for _ in range(months - 1):
        first = date(first.year - 1, 12, 1) if first.month == 1 else date(first.year, first.month - 1, 1)
    rows = (
        FinanceFunding.objects.filter(
            job__in=job_list_visible_to(user), status__in=[F.FUNDED, F.RECONCILED], funded_on__gte=first
        )
        .annotate(month=TruncMonth("funded_on", output_field=DateField()))
        .values("month")
        .annotate(n=Count("id"), funded=Sum("funded_amount"), fees=Sum("dealer_fee"), net=Sum("net_received"))
        .order_by("-month")
    )
    return [
        MonthFees(row["month"], row["n"], row["funded"] or ZERO, row["fees"] or ZERO, row["net"] or ZERO)
        for row in rows
    ]


def job_funding(*, job) -> FinanceFunding | None:
    """The job's live funding, else its latest cancelled one (to show why), with what the panel reads."""
    fundings = FinanceFunding.objects.filter(job=job).select_related(
        "finance_company", "invoice", "payment", "reconciled_by"
    )
    return fundings.exclude(status=F.CANCELLED).first() or fundings.order_by("-updated_at", "-id").first()


def funding_history(*, funding: FinanceFunding, limit: int = 20) -> list:
    return list(funding.history.select_related("history_user").order_by("-history_id")[:limit])
