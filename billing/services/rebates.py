"""Rebate claims: opened for a job's qualifying equipment, submitted once every paper is in the job's
folder, then approved or denied, and paid."""

from datetime import date
from decimal import Decimal

from django.db import transaction

from installops.clock import company_today
from installops.date_window import date_window_refusal
from installops.errors import DomainError, full_clean_or_refuse
from installops.history import history_note
from jobs.models import InstalledEquipment, Job

from ..choices import RebateStatus
from ..models import Rebate, RebateProgram
from ..selectors.rebates import rebate_documents_missing, rebate_list_eligible_programs

S = RebateStatus


def _day(day: date | None, *, field: str) -> date:
    day = day or company_today()
    refusal = date_window_refusal(day)
    if refusal:
        raise DomainError(refusal, field=field)
    if day > company_today():
        raise DomainError("That day has not come yet.", field=field)
    return day


def _locked(rebate: Rebate, *, expected: list[str], action: str) -> Rebate:
    locked = Rebate.objects.select_for_update().select_related("program", "job").get(pk=rebate.pk)
    if locked.status not in expected:
        raise DomainError(f"This rebate is {locked.get_status_display().lower()}: it cannot be {action}.")
    return locked


def rebate_open(
    *,
    job: Job,
    program: RebateProgram,
    by,
    units: list[InstalledEquipment] | None = None,
    payee: str = "",
    amount_expected: Decimal | None = None,
    ahri_reference: str = "",
) -> Rebate:
    """Open a claim of `program` for `job`, for the installed units that qualify (or those given)."""
    eligible = next((found for found in rebate_list_eligible_programs(job) if found.program.pk == program.pk), None)
    if eligible is None:
        raise DomainError(
            f"No unit installed on job {job.number} qualifies for {program.name} "
            "(its kind or rated efficiency is not what the program asks for).",
            field="program",
        )
    chosen = units if units is not None else eligible.units
    if not chosen or any(unit.job_id != job.pk for unit in chosen):
        raise DomainError("Pick the installed units of this job the rebate is for.", field="units")
    with transaction.atomic():
        # The job's row serializes two people opening the same claim at once.
        Job.objects.select_for_update().get(pk=job.pk)
        if Rebate.objects.filter(job=job, program=program).exists():
            raise DomainError(f"Job {job.number} already has a {program.name} rebate.", field="program")
        rebate = Rebate(
            job=job,
            program=program,
            payee=payee or program.payee_default,
            amount_expected=program.amount if amount_expected is None else amount_expected,
            ahri_reference=(ahri_reference or eligible.ahri_reference).strip(),
            opened_on=company_today(),
            opened_by=by,
        )
        full_clean_or_refuse(rebate, validate_constraints=False)
        history_note(rebate, by=by, reason="Rebate opened")
        rebate.save()
        rebate.units.set(chosen)
    return rebate


def rebate_submit(*, rebate: Rebate, by, claim_reference: str = "", submitted_on: date | None = None) -> Rebate:
    """Send the claim in; refused, naming each paper, while the job's folder lacks one."""
    with transaction.atomic():
        rebate = _locked(rebate, expected=[S.TO_SUBMIT], action="submitted")
        missing = rebate_documents_missing(rebate)
        if missing:
            raise DomainError("Not ready to submit. Missing: " + "; ".join(missing) + ".")
        rebate.status = S.SUBMITTED
        rebate.submitted_on = _day(submitted_on, field="submitted_on")
        rebate.claim_reference = claim_reference.strip()
        full_clean_or_refuse(rebate)
        history_note(rebate, by=by, reason="Submitted")
        rebate.save()
    return rebate


def rebate_approve(*, rebate: Rebate, by, approved_on: date | None = None, claim_reference: str = "") -> Rebate:
    with transaction.atomic():
        rebate = _locked(rebate, expected=[S.SUBMITTED], action="approved")
        rebate.status = S.APPROVED
        rebate.decided_on = _day(approved_on, field="approved_on")
        rebate.claim_reference = claim_reference.strip() or rebate.claim_reference
        full_clean_or_refuse(rebate)
        history_note(rebate, by=by, reason="Approved")
        rebate.save()
    return rebate


def rebate_deny(*, rebate: Rebate, reason: str, by, denied_on: date | None = None) -> Rebate:
    if not reason.strip():
        raise DomainError("Say why the sponsor denied it.", field="reason")
    with transaction.atomic():
        rebate = _locked(rebate, expected=[S.SUBMITTED], action="denied")
        rebate.status = S.DENIED
        rebate.decided_on = _day(denied_on, field="denied_on")
        rebate.denial_reason = reason.strip()
        full_clean_or_refuse(rebate)
        history_note(rebate, by=by, reason=f"Denied: {rebate.denial_reason}")
        rebate.save()
    return rebate


def rebate_mark_paid(*, rebate: Rebate, amount_received: Decimal, paid_on: date, by) -> Rebate:
    if amount_received is None or amount_received < 0:
        raise DomainError("Enter the amount received.", field="amount_received")
    with transaction.atomic():
        rebate = _locked(rebate, expected=[S.APPROVED], action="marked paid")
        rebate.status = S.PAID
        rebate.amount_received = amount_received
        rebate.paid_on = _day(paid_on, field="paid_on")
        full_clean_or_refuse(rebate)
        history_note(rebate, by=by, reason="Paid")
        rebate.save()
    return rebate
