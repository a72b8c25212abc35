"""Rebates, warranty registrations and maintenance agreements for the demo company, through billing's
services: programs and ratings, claims in every status, registrations done, due and overdue, and
agreements active, due for renewal, renewed, expired and cancelled, with their maintenance jobs.

Reference data (programs, ratings, brands' terms, plans) is matched by name; the rest is made once.
"""

from datetime import timedelta
from decimal import Decimal
from functools import cache
from html import escape

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Max

from billing import services as billing
from billing.choices import RebateDocument, RebatePayee, Season, SponsorKind
from billing.models import AgreementPlan, EquipmentRating, MaintenanceAgreement, Rebate, RebateProgram, WarrantyTerms
from billing.selectors import rebate_list_eligible_programs, warranty_due_list
from billing.services.agreements import add_months
from installops.pdf import html_to_pdf
from jobs import services as job_services
from jobs.choices import DocumentCategory, EquipmentKind, JobKind, JobStatus
from jobs.models import Job

RATINGS = [
    # manufacturer, model, kind, SEER2, EER2, HSPF2, AFUE, AHRI reference
    ("Carrier", "25VNA436A003", EquipmentKind.HEAT_PUMP, "17.50", "12.50", "8.50", None, "210512345"),
    ("Lennox", "ML17XP1-036", EquipmentKind.HEAT_PUMP, "16.20", "11.70", "7.80", None, "208877410"),
    ("Carrier", "24SCA536A003", EquipmentKind.CONDENSER, "15.20", "12.00", None, None, "211090331"),
    ("Goodman", "GSXH503610", EquipmentKind.CONDENSER, "14.30", "11.20", None, None, "207765002"),
    ("Carrier", "59TP6B080V17", EquipmentKind.FURNACE, None, None, None, "96.50", "203348811"),
    ("Goodman", "GR9S960803BN", EquipmentKind.FURNACE, None, None, None, "96.00", "205561230"),
    ("Valley Air", "VA-HP36", EquipmentKind.HEAT_PUMP, "15.00", "11.00", "7.50", None, "209900136"),
]
PROGRAMS = [
    # name, sponsor kind, sponsor, amount, payee, papers, kinds, minimums
    ("PG&E Heat Pump Rebate", SponsorKind.UTILITY, "PG&E", "1000.00", RebatePayee.CUSTOMER,
     [RebateDocument.AHRI, RebateDocument.PERMIT_FINAL, RebateDocument.CF3R, RebateDocument.INVOICE],
     [EquipmentKind.HEAT_PUMP], {"min_seer2": "16.00", "min_hspf2": "7.80"}),
    ("Carrier Cool Cash", SponsorKind.MANUFACTURER, "Carrier", "400.00", RebatePayee.COMPANY,
     [RebateDocument.AHRI], [EquipmentKind.HEAT_PUMP, EquipmentKind.CONDENSER], {"min_seer2": "15.00"}),
    ("SoCalGas High-Efficiency Furnace", SponsorKind.UTILITY, "SoCalGas", "300.00", RebatePayee.CUSTOMER,
     [RebateDocument.INVOICE], [EquipmentKind.FURNACE], {"min_afue": "95.00"}),
]  # fmt: skip
# Valley Air (a made-up regional brand) wants its units registered within 3 days: the demo's overdue ones.
TERMS = [("Carrier", 90, 10, 0), ("Lennox", 60, 10, 1), ("Goodman", 60, 10, 0), ("Valley Air", 3, 5, 1)]
PLANS = [
    ("Silver", "149.00", 1, [Season.FALL], False),
    ("Gold", "249.00", 2, [Season.SPRING, Season.FALL], True),
    ("Platinum", "349.00", 3, [Season.SPRING, Season.SUMMER, Season.FALL], True),
]
# What each demo install had put in (model numbers from RATINGS).
SYSTEMS = [
    ["25VNA436A003"],
    ["24SCA536A003", "59TP6B080V17"],
    ["ML17XP1-036"],
    ["GSXH503610", "GR9S960803BN"],
    ["VA-HP36"],
]


def ensure_reference_data() -> None:
    for manufacturer, model, kind, seer2, eer2, hspf2, afue, ahri in RATINGS:
        EquipmentRating.objects.get_or_create(
            model_number=model,
            defaults={"manufacturer": manufacturer, "kind": kind, "seer2": seer2, "eer2": eer2, "hspf2": hspf2,
                      "afue": afue, "ahri_reference": ahri},
        )  # fmt: skip
    for name, sponsor_kind, sponsor, amount, payee, papers, kinds, minimums in PROGRAMS:
        RebateProgram.objects.get_or_create(
            name=name,
            defaults={"sponsor_kind": sponsor_kind, "sponsor_name": sponsor, "amount": Decimal(amount),
                      "payee_default": payee, "required_documents": papers, "equipment_kinds": kinds, **minimums},
        )  # fmt: skip
    for manufacturer, days, parts, labor in TERMS:
        WarrantyTerms.objects.get_or_create(
            manufacturer=manufacturer,
            defaults={"register_within_days": days, "parts_years": parts, "labor_years": labor},
        )
    for name, price, visits, seasons, auto_renew in PLANS:
        AgreementPlan.objects.get_or_create(
            name=name,
            defaults={"price": Decimal(price), "visits_per_term": visits, "seasons": seasons,
                      "auto_renew_default": auto_renew},
        )  # fmt: skip


@cache
def _ahri_pdf() -> bytes:
    return html_to_pdf(f"<html><body><h1>{escape('AHRI Certificate of Product Ratings')}</h1></body></html>")


def _installed_jobs(limit: int) -> list[Job]:
    """Installs whose visits are done (the latest finished, and the earliest): what the crews put in is on record."""
    done = Job.objects.filter(kind=JobKind.INSTALL, visits__completed_at__isnull=False).exclude(
        status=JobStatus.CANCELLED
    )
    finished = done.values("pk").annotate(finished=Max("visits__completed_at"))
    # The latest and the earliest: registrations still due, and some overdue.
    latest = [row["pk"] for row in finished.order_by("-finished", "-pk")[: limit // 2]]
    earliest = [row["pk"] for row in finished.order_by("finished", "pk")[: limit // 2] if row["pk"] not in latest]
    ids = latest + earliest
    by_id = Job.objects.select_related("customer", "site").in_bulk(ids)
    return [by_id[pk] for pk in ids]


def seed_billing_programs(*, staff: dict, today) -> str:
    """Make the demo's rebates, registrations and agreements once; returns what it made."""
    ensure_reference_data()
    if Rebate.objects.exists() or MaintenanceAgreement.objects.exists():
        return "Rebates and agreements already seeded."
    accounting, coordinator = staff["accounting"], staff["coordinator"]
    jobs = _installed_jobs(24)
    ratings = {rating.model_number: rating for rating in EquipmentRating.objects.all()}
    for index, job in enumerate(jobs):
        for number, model in enumerate(SYSTEMS[index % len(SYSTEMS)]):
            rating = ratings[model]
            job_services.installed_equipment_record(
                job=job, by=coordinator, kind=rating.kind, manufacturer=rating.manufacturer, model_number=model,
                serial_number=f"{rating.manufacturer[:2].upper()}{job.pk:05d}{number}", warranty_years=10,
            )  # fmt: skip
    _seed_rebates(jobs, accounting=accounting, today=today)
    _seed_registrations(jobs, accounting=accounting, coordinator=coordinator, today=today)
    made = _seed_agreements(jobs, accounting=accounting, coordinator=coordinator, today=today)
    return f"{Rebate.objects.count()} rebates, {made} maintenance agreements."


def _seed_rebates(jobs: list[Job], *, accounting, today) -> None:
    cool_cash = RebateProgram.objects.get(name="Carrier Cool Cash")
    # Every status of the manufacturer's claim (its one paper, the AHRI certificate, is in the folder).
    steps = ["to_submit", "submitted", "approved", "denied", "paid", "paid", "submitted"]
    carrier_jobs = [job for index, job in enumerate(jobs) if SYSTEMS[index % len(SYSTEMS)][0].startswith("2")]
    for offset, (job, step) in enumerate(zip(carrier_jobs, steps, strict=False)):
        job_services.document_upload(
            job=job, category=DocumentCategory.REBATE, by=accounting, title="AHRI certificate",
            upload=SimpleUploadedFile("ahri.pdf", _ahri_pdf()),
        )  # fmt: skip
        rebate = billing.rebate_open(job=job, program=cool_cash, by=accounting)
        if step == "to_submit":
            continue
        billing.rebate_submit(
            rebate=rebate, by=accounting, claim_reference=f"CCC-{26000 + job.pk}",
            submitted_on=today - timedelta(days=40 - offset),
        )  # fmt: skip
        if step == "submitted":
            continue
        decided = today - timedelta(days=20 - offset)
        if step == "denied":
            billing.rebate_deny(rebate=rebate, reason="Registered after the 60-day window", denied_on=decided,
                                by=accounting)  # fmt: skip
            continue
        billing.rebate_approve(rebate=rebate, by=accounting, approved_on=decided)
        if step == "paid":
            billing.rebate_mark_paid(
                rebate=rebate, amount_received=Decimal("400.00"), paid_on=today - timedelta(days=5), by=accounting
            )
    # The utility's claims wait on their papers (permit final, CF3R, the posted invoice).
    for program in RebateProgram.objects.exclude(pk=cool_cash.pk):
        for found_job in jobs:
            if Rebate.objects.filter(job=found_job, program=program).exists():
                continue
            eligible = {found.program.pk for found in rebate_list_eligible_programs(found_job)}
            if program.pk in eligible:
                billing.rebate_open(job=found_job, program=program, by=accounting)
                if Rebate.objects.filter(program=program).count() >= 3:
                    break


def _seed_registrations(jobs: list[Job], *, accounting, coordinator, today) -> None:
    """About a third of those not yet due registered (by accounting or the coordinator); the overdue stay."""
    due, _total = warranty_due_list(today=today)
    for index, row in enumerate(row for row in due if not row.overdue):
        if index % 3 == 0:
            billing.warranty_register(
                unit=row.unit, confirmation_number=f"WR-{row.unit.pk:06d}", registered_on=today,
                by=accounting if index % 2 else coordinator,
            )  # fmt: skip


def _seed_agreements(jobs: list[Job], *, accounting, coordinator, today) -> int:
    plans = {plan.name: plan for plan in AgreementPlan.objects.all()}
    # (plan, months before today it started, what happens next)
    lines = [
        ("Gold", 1, "active"), ("Platinum", 2, "active"), ("Silver", 0, "active"),
        ("Gold", 11, "renewal"), ("Silver", 11, "renewal"), ("Gold", 11, "renewed"),
        ("Gold", 14, "expired"), ("Platinum", 15, "expired"), ("Gold", 3, "cancelled"),
    ]  # fmt: skip
    one_per_address = list({job.site_id: job for job in reversed(jobs)}.values())
    made = 0
    for job, (plan_name, months_ago, fate) in zip(one_per_address, lines, strict=False):
        starts_on = add_months(today, -months_ago) + timedelta(days=10 if fate == "renewal" else 0)
        agreement = billing.agreement_enter(
            customer=job.customer, site=job.site, plan=plans[plan_name], starts_on=starts_on, sold_on_job=job,
            by=accounting,
        )  # fmt: skip
        made += 1
        if fate == "renewed":
            billing.agreement_renew(agreement=agreement, by=accounting)
            made += 1
        elif fate == "cancelled":
            billing.agreement_cancel(agreement=agreement, reason="Customer sold the house", by=coordinator)
        _close_passed_seasons(agreement, coordinator=coordinator, today=today)
    billing.agreement_expire_lapsed(today=today)
    return made


def _close_passed_seasons(agreement: MaintenanceAgreement, *, coordinator, today) -> None:
    """A demo agreement that started in the past: its seasons already over are not waiting to be booked."""
    for visit in agreement.visits.select_related("job").filter(due_until__lt=today, job__status=JobStatus.SOLD):
        job_services.job_change_status(
            job=visit.job, to_status=JobStatus.CANCELLED, by=coordinator, note="Season passed without a booking"
        )
