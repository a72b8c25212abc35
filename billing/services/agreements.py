"""Maintenance agreements: entered with their seasonal maintenance jobs (to book from the unscheduled
queue), renewed for a new term with new jobs, cancelled."""

import calendar
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction

from installops.clock import company_today
from installops.date_window import date_window_refusal
from installops.errors import DomainError, full_clean_or_refuse
from installops.history import history_note
from jobs.choices import JobKind, JobStatus
from jobs.models import Customer, Job, Site
from jobs.services import job_change_status, job_create

from ..choices import SEASON_MONTHS, AgreementStatus, Season
from ..models import AgreementPlan, AgreementVisit, MaintenanceAgreement

A = AgreementStatus
# A season's window cut shorter than this by the term's start or end is too short to book in.
SHORTEST_WINDOW_DAYS = 21


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def term_end(starts_on: date, term_months: int) -> date:
    """The last day a term starting on `starts_on` covers."""
    return add_months(starts_on, term_months) - timedelta(days=1)


def _season_window(season: str, year: int) -> tuple[date, date]:
    first, last = SEASON_MONTHS[Season(season)]
    last_year = year + 1 if last < first else year
    return date(year, first, 1), date(last_year, last, calendar.monthrange(last_year, last)[1])


def visit_windows(*, starts_on: date, ends_on: date, seasons: list[str], visits: int) -> list[tuple[str, date, date]]:
    """(season, due from, due until) for each visit of a term: its seasons in calendar order inside
    the term, each cut to the term; a term whose seasons give too few windows is split evenly."""
    windows = []
    for year in range(starts_on.year - 1, ends_on.year + 1):
        for season in seasons:
            season_from, season_until = _season_window(season, year)
            due_from, due_until = max(season_from, starts_on), min(season_until, ends_on)
            if (due_until - due_from).days + 1 >= SHORTEST_WINDOW_DAYS:
                windows.append((season, due_from, due_until))
    windows.sort(key=lambda window: window[1])
    if len(windows) >= visits:
        return windows[:visits]
    length = ((ends_on - starts_on).days + 1) // visits
    split = []
    for index in range(visits):
        due_from = starts_on + timedelta(days=index * length)
        due_until = ends_on if index == visits - 1 else due_from + timedelta(days=length - 1)
        split.append((_season_of(due_from), due_from, due_until))
    return split


def _season_of(day: date) -> str:
    for season, (first, last) in SEASON_MONTHS.items():
        if (first <= day.month <= last) if first <= last else (day.month >= first or day.month <= last):
            return season
    return Season.SPRING


def _create_visits(agreement: MaintenanceAgreement, *, by) -> list[AgreementVisit]:
    created = []
    windows = visit_windows(
        starts_on=agreement.starts_on,
        ends_on=agreement.ends_on,
        seasons=list(agreement.plan.seasons),
        visits=agreement.visits_included,
    )
    for number, (season, due_from, due_until) in enumerate(windows, start=1):
        label = Season(season).label
        job = job_create(
            customer=agreement.customer,
            site=agreement.site,
            by=by,
            kind=JobKind.MAINTENANCE,
            sold_on=due_from,
            description=(
                f"{agreement.plan.name} maintenance, {label.lower()} visit {number} of {len(windows)}: "
                f"due {due_from:%b} {due_from.day} – {due_until:%b} {due_until.day}, {due_until.year}."
            ),
        )
        created.append(
            AgreementVisit.objects.create(
                agreement=agreement, season=season, due_from=due_from, due_until=due_until, job=job
            )
        )
    return created


def _check_day(day: date, *, field: str) -> None:
    refusal = date_window_refusal(day)
    if refusal:
        raise DomainError(refusal, field=field)


def agreement_enter(
    *,
    customer: Customer,
    site: Site,
    plan: AgreementPlan,
    starts_on: date,
    by,
    price: Decimal | None = None,
    auto_renew: bool | None = None,
    sold_on_job: Job | None = None,
    renewed_from: MaintenanceAgreement | None = None,
) -> MaintenanceAgreement:
    """Enter an agreement and create its maintenance jobs, each due in its season."""
    if site.customer_id != customer.pk:
        raise DomainError("That address belongs to another customer.", field="site")
    if sold_on_job is not None and sold_on_job.customer_id != customer.pk:
        raise DomainError("That job is another customer's.", field="sold_on_job")
    if not plan.active and renewed_from is None:
        raise DomainError(f"The {plan.name} plan is no longer sold.", field="plan")
    _check_day(starts_on, field="starts_on")
    ends_on = term_end(starts_on, plan.term_months)
    with transaction.atomic():
        # The customer's row serializes two agreements entered for the same address at once.
        Customer.objects.select_for_update().get(pk=customer.pk)
        overlapping = (
            MaintenanceAgreement.objects.filter(
                site=site, status=A.ACTIVE, starts_on__lte=ends_on, ends_on__gte=starts_on
            )
            .select_related("plan")
            .first()
        )
        if overlapping is not None:
            raise DomainError(
                f"This address already has {overlapping.plan.name} until {overlapping.ends_on:%b %d, %Y}: "
                "renew that one instead.",
                field="starts_on",
            )
        agreement = MaintenanceAgreement(
            customer=customer,
            site=site,
            plan=plan,
            price=plan.price if price is None else price,
            starts_on=starts_on,
            ends_on=ends_on,
            visits_included=plan.visits_per_term,
            auto_renew=plan.auto_renew_default if auto_renew is None else auto_renew,
            sold_on_job=sold_on_job,
            renewed_from=renewed_from,
            entered_by=by,
        )
        full_clean_or_refuse(agreement, validate_constraints=False)
        history_note(agreement, by=by, reason="Renewed" if renewed_from else "Agreement entered")
        agreement.save()
        _create_visits(agreement, by=by)
    return agreement


def agreement_renew(
    *, agreement: MaintenanceAgreement, by, plan: AgreementPlan | None = None, price: Decimal | None = None
) -> MaintenanceAgreement:
    """A new term starting the day after this one ends, with its own maintenance jobs."""
    with transaction.atomic():
        agreement = MaintenanceAgreement.objects.select_for_update().select_related("plan").get(pk=agreement.pk)
        if agreement.status == A.CANCELLED:
            raise DomainError("A cancelled agreement is not renewed: enter a new one.")
        renewal = MaintenanceAgreement.objects.filter(renewed_from=agreement).first()
        if renewal is not None:
            raise DomainError(f"Already renewed, until {renewal.ends_on:%b %d, %Y}.")
        plan = plan or agreement.plan
        return agreement_enter(
            customer=agreement.customer,
            site=agreement.site,
            plan=plan,
            starts_on=agreement.ends_on + timedelta(days=1),
            price=price if price is not None else (agreement.price if plan.pk == agreement.plan_id else None),
            auto_renew=agreement.auto_renew,
            renewed_from=agreement,
            by=by,
        )


def agreement_cancel(
    *, agreement: MaintenanceAgreement, reason: str, by, cancelled_on: date | None = None
) -> list[Job]:
    """Cancel the agreement. Its maintenance jobs not yet booked are cancelled when `by` may cancel
    jobs; returns those left for the office to cancel."""
    reason = reason.strip()
    if not reason:
        raise DomainError("Say why the agreement is cancelled.", field="reason")
    cancelled_on = cancelled_on or company_today()
    _check_day(cancelled_on, field="cancelled_on")
    left = []
    with transaction.atomic():
        agreement = MaintenanceAgreement.objects.select_for_update().get(pk=agreement.pk)
        if agreement.status != A.ACTIVE:
            raise DomainError(f"This agreement is {agreement.get_status_display().lower()} already.")
        agreement.status = A.CANCELLED
        agreement.cancelled_on = cancelled_on
        agreement.cancel_reason = reason
        full_clean_or_refuse(agreement)
        history_note(agreement, by=by, reason=f"Cancelled: {reason}")
        agreement.save()
        unbooked = Job.objects.filter(agreement_visit__agreement=agreement, status=JobStatus.SOLD).order_by("pk")
        may_cancel = by is not None and by.has_perm("jobs.move_job_operations")
        for job in unbooked:
            if may_cancel:
                job_change_status(job=job, to_status=JobStatus.CANCELLED, by=by, note=f"Agreement cancelled: {reason}")
            else:
                left.append(job)
    return left


def agreement_expire_lapsed(*, today: date | None = None) -> int:
    """Mark active agreements past their end expired (idempotent); returns how many changed."""
    today = today or company_today()
    count = 0
    with transaction.atomic():
        for agreement in MaintenanceAgreement.objects.select_for_update().filter(status=A.ACTIVE, ends_on__lt=today):
            agreement.status = A.EXPIRED
            history_note(agreement, by=None, reason="Term ended")
            agreement.save(update_fields=["status", "updated_at"])
            count += 1
    return count
