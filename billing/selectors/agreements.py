"""Maintenance agreements: the office's lists (active, renewals due, expired), an agreement's page, and
the club line shown on a customer's every visit (no price), in a fixed number of queries."""

from datetime import date, timedelta

from django.db.models import Count, Exists, OuterRef, Q, Subquery

from installops.clock import company_today
from jobs.models import Job
from jobs.selectors import job_list_visible_to

from ..choices import AgreementStatus
from ..models import AgreementVisit, MaintenanceAgreement

AGREEMENT_LIST_LIMIT = 200
RENEWAL_WINDOW_DAYS = 60

A = AgreementStatus


class AgreementTab:
    ACTIVE = "active"
    RENEWALS = "renewals"
    EXPIRED = "expired"
    CANCELLED = "cancelled"
    CHOICES = [(ACTIVE, "Active"), (RENEWALS, "Renewals due"), (EXPIRED, "Expired"), (CANCELLED, "Cancelled")]


def _tab_q(tab: str, today: date):
    """An agreement past its end is expired even before the status catches up."""
    live = Q(status=A.ACTIVE, ends_on__gte=today)
    if tab == AgreementTab.RENEWALS:
        renewed = Exists(MaintenanceAgreement.objects.filter(renewed_from_id=OuterRef("pk")))
        return live & Q(ends_on__lte=today + timedelta(days=RENEWAL_WINDOW_DAYS)) & ~renewed
    if tab == AgreementTab.EXPIRED:
        return Q(status=A.EXPIRED) | Q(status=A.ACTIVE, ends_on__lt=today)
    if tab == AgreementTab.CANCELLED:
        return Q(status=A.CANCELLED)
    return live


def agreement_list(
    *, tab: str = AgreementTab.ACTIVE, today: date | None = None, limit: int = AGREEMENT_LIST_LIMIT
) -> tuple[list[MaintenanceAgreement], int]:
    """The agreements of a tab, the soonest ending first, each with `renewed` (has a renewal)."""
    today = today or company_today()
    agreements = MaintenanceAgreement.objects.filter(_tab_q(tab, today))
    total = agreements.count()
    rows = (
        agreements.select_related("customer", "site", "plan")
        .annotate(renewed=Exists(MaintenanceAgreement.objects.filter(renewed_from_id=OuterRef("pk"))))
        .order_by("-ends_on" if tab in (AgreementTab.EXPIRED, AgreementTab.CANCELLED) else "ends_on", "pk")[:limit]
    )
    return list(rows), total


def agreement_tab_counts(*, today: date | None = None) -> dict[str, int]:
    today = today or company_today()
    return MaintenanceAgreement.objects.aggregate(
        **{tab: Count("pk", filter=_tab_q(tab, today)) for tab, _label in AgreementTab.CHOICES}
    )


def agreement_get(*, pk: int) -> MaintenanceAgreement:
    return MaintenanceAgreement.objects.select_related(
        "customer", "site", "plan", "renewed_from", "sold_on_job", "entered_by"
    ).get(pk=pk)


def agreement_visits(*, agreement: MaintenanceAgreement) -> list[AgreementVisit]:
    return list(agreement.visits.select_related("job").order_by("due_from", "pk"))


def agreement_renewal(*, agreement: MaintenanceAgreement) -> MaintenanceAgreement | None:
    return MaintenanceAgreement.objects.filter(renewed_from=agreement).first()


def job_get_for_agreement(*, user, pk: int) -> Job:
    """A job to sell an agreement from (its customer and address), through the visibility rule."""
    return job_list_visible_to(user).select_related("customer", "site").get(pk=pk)


def _current_agreements(**customer):
    today = company_today()
    return MaintenanceAgreement.objects.filter(
        status=A.ACTIVE, starts_on__lte=today, ends_on__gte=today, **customer
    ).order_by("-ends_on")


def club_fact_annotations(job_ref: str) -> dict:
    """The job's customer's current agreement (plan name and end), for jobs.facts: no price."""
    current = _current_agreements(customer__jobs=OuterRef(job_ref))
    return {"plan": Subquery(current.values("plan__name")[:1]), "ends_on": Subquery(current.values("ends_on")[:1])}


def club_fact_text(values: dict) -> str:
    if not values.get("plan"):
        return ""
    ends_on = values["ends_on"]
    return f"Club: {values['plan']} until {ends_on:%b %Y}"


def club_line_for_customer(*, customer_id: int) -> str:
    """The club line for a customer's visit (one query): "Club: Gold until Jun 2027", or ""."""
    row = _current_agreements(customer_id=customer_id).values("plan__name", "ends_on").first()
    return club_fact_text({"plan": row["plan__name"], "ends_on": row["ends_on"]}) if row else ""


def customer_agreements(*, customer) -> list[MaintenanceAgreement]:
    """A customer's agreements, the latest first."""
    return list(
        MaintenanceAgreement.objects.filter(customer=customer)
        .select_related("plan", "site")
        .order_by("-ends_on", "-pk")
    )
