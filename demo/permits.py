"""The demo company's paperwork: building departments for the customers' cities, permits in every
state, inspections, HERS verifications and Title 24 forms, and permit packets, so that the install
administrator's follow-up list shows every kind of line.

Made directly with the models (the jobs themselves came through the real services). Jobs at each stage
take the states in turn, so even a small demo shows each of them. A job moved to Inspected has its
final inspection passed, its HERS verified and its Title 24 forms in before it moves (`close_paperwork`).
"""

import itertools
import secrets
from datetime import date, timedelta
from functools import cache

from django.core.files.base import ContentFile

from installops.clock import company_date
from installops.pdf import html_to_pdf
from jobs import services as job_services
from jobs.choices import JobKind, JobStatus, LeadSource
from jobs.models import Job
from permits.choices import (
    LIVE_PERMIT_STATUSES,
    HersRegistry,
    HersStatus,
    HersTestKind,
    HersTestResult,
    InspectionBookingMethod,
    InspectionKind,
    InspectionRequestedVia,
    InspectionStatus,
    JurisdictionKind,
    PacketStatus,
    PermitStatus,
    Title24FormKind,
    Title24Trigger,
)
from permits.models import (
    HersTest,
    HersVerification,
    Inspection,
    Jurisdiction,
    Permit,
    PermitPacket,
    SiteJurisdiction,
    Title24Form,
    Title24Scope,
)
from scheduling.models import Visit

# name: kind, cities, phone, portal, typical days to issue, how inspections are asked for, windows, valid days
JURISDICTION_DETAILS = {
    "City of Fresno": (JurisdictionKind.CITY, ["fresno"], "(559) 621-8082", "https://permits.example.org/fresno",
                       10, InspectionBookingMethod.PORTAL, "8–12, 12–4", 180),
    "City of Clovis": (JurisdictionKind.CITY, ["clovis"], "(559) 324-2390", "https://permits.example.org/clovis",
                       5, InspectionBookingMethod.PHONE, "8–12, 1–4", 180),
    "Madera County": (JurisdictionKind.COUNTY, ["madera"], "(559) 675-7817", "", 21, InspectionBookingMethod.EMAIL,
                      "9–1", 365),
    "City of Sanger": (JurisdictionKind.CITY, ["sanger"], "(559) 876-6300", "", 7, InspectionBookingMethod.PHONE,
                       "8–12", 180),
    "City of Selma": (JurisdictionKind.CITY, ["selma"], "(559) 891-2200", "https://permits.example.org/selma",
                      14, InspectionBookingMethod.PORTAL, "8–12, 12–4", 180),
}  # fmt: skip
FINAL, ROUGH = InspectionKind.FINAL, InspectionKind.ROUGH
HERS_RATER = ("Valley Energy Raters", "Tom Alvarez", HersRegistry.CALCERTS)
HERS_TESTS = [HersTestKind.DUCT_LEAKAGE, HersTestKind.REFRIGERANT_CHARGE, HersTestKind.AIRFLOW]
INSTALLED_STATUSES = [JobStatus.INSTALLED, JobStatus.INSPECTED, JobStatus.INVOICED, JobStatus.CLOSED]

# What each stage's jobs take in turn.
SOLD_PERMITS = ["none", "to_apply", "rejected", "expired"]
BEFORE_INSTALL = ["rough_passed", "none", "rough_to_book", "expiring", "packet_mailed", "rough_booked", "packet_ready"]
FINAL_INSPECTIONS = ["none", "to_book", "overdue", "failed", "no_access", "booked", "failed_rebooked"]
HERS_STATES = ["failed", "scheduled", "to_book", "passed"]


def ensure_jurisdictions() -> dict[str, Jurisdiction]:
    """The building departments of the demo customers' cities, with how each one works."""
    found = {}
    for name, (kind, cities, phone, portal, days, booking, windows, valid) in JURISDICTION_DETAILS.items():
        jurisdiction, _ = Jurisdiction.objects.update_or_create(
            name=name,
            defaults={
                "kind": kind,
                "cities": cities,
                "phone": phone,
                "portal_url": portal,
                "typical_days_to_issue": days,
                "inspection_booking": booking,
                "inspection_windows": windows,
                "permit_valid_days": valid,
            },
        )
        found[name] = jurisdiction
    return found


class DemoPaperwork:
    """Gives each new demo install its paperwork, the states of each stage in turn."""

    def __init__(self, *, by, today: date):
        self.by, self.today = by, today
        self.turns = {
            name: itertools.cycle(states)
            for name, states in (
                ("sold", SOLD_PERMITS),
                ("before", BEFORE_INSTALL),
                ("final", FINAL_INSPECTIONS),
                ("hers", HERS_STATES),
                ("cf1r", [True, True, False]),
                ("cf2r", [False, True]),
            )
        }
        self.jurisdictions = ensure_jurisdictions()

    def day(self, offset: int) -> date:
        return self.today + timedelta(days=offset)

    def next(self, name: str):
        return next(self.turns[name])

    def add(self, job: Job) -> None:
        if job.kind != JobKind.INSTALL or job.status == JobStatus.CANCELLED:
            return
        if job.status in (JobStatus.INSPECTED, JobStatus.INVOICED, JobStatus.CLOSED):
            return  # closed by close_paperwork before it moved on
        if job.status in (JobStatus.SOLD, JobStatus.ON_HOLD):
            self._sold(job)
            return
        permit = live_permit(job)
        if permit is None:
            return
        link_site(job, permit.jurisdiction)
        scope = title24_scope(job, by=self.by)
        if scope is not None and permit.status != PermitStatus.TO_APPLY and self.next("cf1r"):
            add_form(job, Title24FormKind.CF1R, on=permit.applied_on or self.today, by=self.by)
        if job.status == JobStatus.INSTALLED:
            self._installed(job, permit, scope)
        else:
            self._before_install(job, permit)

    def _sold(self, job: Job) -> None:
        """No permit yet, one to apply for, or a dead one that needs a new application."""
        if live_permit(job) is not None:
            return  # held after its permit was applied for
        state = self.next("sold")
        jurisdiction = jurisdiction_for(job, self.jurisdictions)
        link_site(job, jurisdiction)
        if state == "to_apply":
            Permit.objects.create(job=job, jurisdiction=jurisdiction, status=PermitStatus.TO_APPLY)
        elif state == "rejected":
            Permit.objects.create(
                job=job, jurisdiction=jurisdiction, status=PermitStatus.REJECTED, applied_on=job.sold_on,
                status_reason="Load calculation missing from the application.",
            )  # fmt: skip
        elif state == "expired":
            Permit.objects.create(
                job=job, jurisdiction=jurisdiction, status=PermitStatus.EXPIRED, number=f"X{job.pk:05d}",
                applied_on=job.sold_on - timedelta(days=200), issued_on=job.sold_on - timedelta(days=190),
                expires_on=job.sold_on - timedelta(days=10), status_reason="Expired before the customer went ahead.",
            )  # fmt: skip

    def _before_install(self, job: Job, permit: Permit) -> None:
        state = self.next("before")
        if permit.status != PermitStatus.ISSUED:
            return  # nothing to inspect or mail before the permit is issued
        if state == "expiring" and permit.status == PermitStatus.ISSUED:
            permit.expires_on = self.day(12)
            permit.save(update_fields=["expires_on", "updated_at"])
        elif state in ("packet_mailed", "packet_ready") and permit.status == PermitStatus.ISSUED:
            add_packet(permit, mailed_on=self.day(-1) if state == "packet_mailed" else None)
        elif state == "rough_passed":
            inspect(job, permit, ROUGH, InspectionStatus.PASSED, result_on=self.day(-2))
        elif state == "rough_to_book":
            inspect(job, permit, ROUGH, InspectionStatus.TO_BOOK)
        elif state == "rough_booked":
            inspect(
                job,
                permit,
                InspectionKind.ROUGH,
                InspectionStatus.SCHEDULED,
                scheduled_on=self.day(2),
            )

    def _installed(self, job: Job, permit: Permit, scope: Title24Scope | None) -> None:
        """The crew has been: the final inspection in each of its states, HERS, the installer's CF2R."""
        done = installed_on(job, self.today)
        state = self.next("final")
        if state == "to_book":
            inspect(job, permit, FINAL, InspectionStatus.TO_BOOK, via=InspectionRequestedVia.CREW_PHONE)
        elif state == "overdue":
            inspect(
                job,
                permit,
                InspectionKind.FINAL,
                InspectionStatus.SCHEDULED,
                scheduled_on=self.day(-2),
            )
        elif state == "booked":
            inspect(
                job,
                permit,
                InspectionKind.FINAL,
                InspectionStatus.SCHEDULED,
                scheduled_on=self.day(3),
            )
        elif state == "no_access":
            inspect(job, permit, FINAL, InspectionStatus.NO_ACCESS, result_on=self.day(-1))
        elif state in ("failed", "failed_rebooked"):
            failed = inspect(
                job, permit, FINAL, InspectionStatus.FAILED, result_on=max(done, self.day(-3)),
                corrections="Disconnect mounted below the required height; seal the return plenum.",
            )  # fmt: skip
            failed.correction_job = callback_job(job, JobKind.CORRECTION, on=failed.result_on, by=self.by,
                                                 what="inspector's correction notice: disconnect height.")  # fmt: skip
            failed.save(update_fields=["correction_job", "updated_at"])
            if state == "failed_rebooked":
                inspect(job, permit, FINAL, InspectionStatus.SCHEDULED, reinspection_of=failed,
                        scheduled_on=self.day(4))  # fmt: skip
        if scope is None:
            return
        if scope.hers_required:
            hers_state = self.next("hers")
            verification = hers(job, HersStatus(hers_state), on=self.day(-2), by=self.by)
            if hers_state == HersStatus.PASSED:
                add_form(job, Title24FormKind.CF3R, on=verification.result_on or self.today, by=self.by)
        if self.next("cf2r"):
            add_form(job, Title24FormKind.CF2R, on=done, by=self.by)


def close_paperwork(job: Job, *, by, today: date) -> None:
    """What Inspected stands on: the final inspection passed, HERS passed and the Title 24 forms in;
    the permit finaled."""
    permit = live_permit(job)
    if job.kind != JobKind.INSTALL or permit is None:
        return
    link_site(job, permit.jurisdiction)
    done = installed_on(job, today)
    passed_on = min(today, done + timedelta(days=4))
    scope = title24_scope(job, by=by)
    if scope is not None:
        add_form(job, Title24FormKind.CF1R, on=permit.applied_on or done, by=by)
        add_form(job, Title24FormKind.CF2R, on=done, by=by)
        if scope.hers_required:
            hers(job, HersStatus.PASSED, on=passed_on, by=by)
            add_form(job, Title24FormKind.CF3R, on=passed_on, by=by)
    if not job.inspections.filter(kind=InspectionKind.FINAL, status=InspectionStatus.PASSED).exists():
        inspect(job, permit, FINAL, InspectionStatus.PASSED, result_on=passed_on, inspector="R. Ibarra")
    if permit.status == PermitStatus.ISSUED:
        permit.status = PermitStatus.FINALED
        permit.finaled_on = passed_on
        permit.save(update_fields=["status", "finaled_on", "updated_at"])
    if not permit.packets.exists():
        add_packet(permit, mailed_on=permit.issued_on)


# ---------------------------------------------------------------- the rows


def live_permit(job: Job) -> Permit | None:
    return Permit.objects.filter(job=job, status__in=LIVE_PERMIT_STATUSES).select_related("jurisdiction").first()


def jurisdiction_for(job: Job, jurisdictions: dict[str, Jurisdiction]) -> Jurisdiction:
    city = job.site.city.strip().lower()
    return next((j for j in jurisdictions.values() if city in j.cities), jurisdictions["City of Fresno"])


def link_site(job: Job, jurisdiction: Jurisdiction) -> None:
    SiteJurisdiction.objects.get_or_create(site_id=job.site_id, defaults={"jurisdiction": jurisdiction})


def installed_on(job: Job, today: date) -> date:
    last = Visit.objects.filter(job=job).order_by("-ends_at").values_list("ends_at", flat=True).first()
    return min(today, company_date(last)) if last else today


def title24_scope(job: Job, *, by) -> Title24Scope | None:
    if not job.title24:
        return None
    ducts = "duct" in job.equipment_proposed.lower()
    scope, _ = Title24Scope.objects.get_or_create(
        job=job,
        defaults={
            "trigger": Title24Trigger.BOTH if ducts else Title24Trigger.CHANGE_OUT,
            "duct_feet_altered": 60 if ducts else None,
            "hers_required": True,
            "decided_by": by,
        },
    )
    return scope


def add_form(job: Job, kind: str, *, on: date, by) -> None:
    Title24Form.objects.get_or_create(
        job=job,
        kind=kind,
        defaults={
            "registry": HersRegistry.CALCERTS,
            "registry_id": f"{kind.upper()}-{job.number}",
            "registered_on": on,
            "recorded_by": by,
        },
    )


def inspect(job: Job, permit: Permit, kind: str, status: str, *, via=InspectionRequestedVia.OFFICE, **fields):
    return Inspection.objects.create(job=job, permit=permit, kind=kind, status=status, requested_via=via, **fields)


def hers(job: Job, status: HersStatus, *, on: date, by) -> HersVerification:
    """A HERS verification in that state, its tests with their results (a failure books a failed-HERS job)."""
    existing = job.hers_verifications.filter(status=status).first()
    if existing is not None:
        return existing
    company, rater, registry = HERS_RATER
    finished = status in (HersStatus.PASSED, HersStatus.FAILED)
    verification = HersVerification.objects.create(
        job=job, status=status, rater_company=company, rater_name=rater, registry=registry,
        registry_ids=f"CC-{job.number}" if finished else "",
        scheduled_on=on if status != HersStatus.TO_BOOK else None, result_on=on if finished else None,
        recorded_by=by if finished else None,
    )  # fmt: skip
    for test_kind in HERS_TESTS:
        failing = status == HersStatus.FAILED and test_kind == HersTestKind.DUCT_LEAKAGE
        result = HersTestResult.FAILED if failing else (HersTestResult.PASSED if finished else HersTestResult.PENDING)
        HersTest.objects.create(
            verification=verification, kind=test_kind, result=result,
            reading="14% leakage (limit 10%)" if failing else ("" if not finished else "within limits"),
        )  # fmt: skip
    if status == HersStatus.FAILED:
        verification.failed_hers_job = callback_job(job, JobKind.FAILED_HERS, on=on, by=by,
                                                    what="duct leakage over the limit at the HERS test.")  # fmt: skip
        verification.save(update_fields=["failed_hers_job", "updated_at"])
    return verification


def callback_job(job: Job, kind: str, *, on: date, by, what: str) -> Job:
    """The return visit a failed inspection or HERS test needs, sold as a callback on the install."""
    return job_services.job_create(
        customer=job.customer, site=job.site, by=by, kind=kind, original_job=job, sold_on=on,
        salesperson=job.salesperson, lead_source=LeadSource.REPEAT, description=f"Callback on {job.number}: {what}",
    )  # fmt: skip


def add_packet(permit: Permit, *, mailed_on: date | None) -> PermitPacket:
    packet = PermitPacket(
        permit=permit, status=PacketStatus.DONE, fingerprint=secrets.token_hex(32), page_count=1, mailed_on=mailed_on
    )
    packet.file.save(f"packet-{permit.pk}.pdf", ContentFile(_packet_pdf()), save=False)
    packet.save()
    return packet


@cache
def _packet_pdf() -> bytes:
    return html_to_pdf(
        "<html><body><h1>Your building permit</h1><p>Enclosed: the permit card and the Title 24 forms.</p>"
        "</body></html>"
    )
