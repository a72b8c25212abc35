"""A permit's life: to apply → applied → issued → finaled, or rejected / expired; or no permit at all.

Each step locks the permit, checks the status it starts from (a DomainError in words otherwise),
validates the row and records who and why in its history (django-simple-history, `status_reason` for
a rejection or an expiry). An issued permit is a fact the job lifecycle reads: a scheduled job may then
be moved to Permitted (jobs.services.job_change_status); nothing here moves the job.
"""

from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction

from installops.clock import company_today
from installops.date_window import date_window_refusal
from installops.errors import DomainError, full_clean_or_refuse
from installops.history import history_note
from jobs.choices import DocumentCategory
from jobs.models import Job
from jobs.services import document_upload

from ..choices import LIVE_PERMIT_STATUSES, NUMBERED_PERMIT_STATUSES, PermitStatus
from ..models import Jurisdiction, Permit, PermitExemption, SiteJurisdiction
from ..selectors import permit_code_cycle, site_jurisdiction

S = PermitStatus


def _lock(permit: Permit) -> Permit:
    return Permit.objects.select_for_update().select_related("jurisdiction", "job").get(pk=permit.pk)


def _lock_job(job: Job) -> Job:
    return Job.objects.select_for_update().get(pk=job.pk)


def _require_status(permit: Permit, allowed: Sequence[str], doing: str) -> None:
    if permit.status not in allowed:
        raise DomainError(f"A permit that is {permit.get_status_display().lower()} cannot be {doing}.", field="status")


def _day(day: date | None, *, field: str, label: str, not_after_today: bool = True) -> date:
    if day is None:
        raise DomainError(f"Enter the {label}.", field=field)
    refusal = date_window_refusal(day)
    if refusal:
        raise DomainError(refusal, field=field)
    if not_after_today and day > company_today():
        raise DomainError(f"The {label} cannot be in the future.", field=field)
    return day


def _save(permit: Permit, *, by, reason: str) -> Permit:
    full_clean_or_refuse(permit)
    history_note(permit, by=by, reason=reason)
    permit.save()
    return permit


def _apply(permit: Permit, *, applied_on: date, fee: Decimal | None) -> None:
    permit.applied_on = _day(applied_on, field="applied_on", label="application date")
    if fee is not None:
        permit.fee = fee
    # The code cycle is the one in force on the application day, and stays so.
    permit.code_cycle = permit_code_cycle(permit.applied_on)
    permit.status = S.APPLIED


def permit_open(
    *,
    job: Job,
    by,
    jurisdiction: Jurisdiction | None = None,
    fee: Decimal | None = None,
    applied_on: date | None = None,
) -> Permit:
    """Start the job's permit: to apply, or applied already when `applied_on` is given.

    The department is the one given, else the site's (picked or found by its city); the site keeps it.
    """
    with transaction.atomic():
        job = _lock_job(job)
        if PermitExemption.objects.filter(job_id=job.pk).exists():
            raise DomainError("The office decided this job needs no permit.", field="jurisdiction")
        live = Permit.objects.filter(job_id=job.pk, status__in=LIVE_PERMIT_STATUSES).first()
        if live is not None:
            raise DomainError(
                f"This job already has a permit ({live.get_status_display().lower()}).", field="jurisdiction"
            )
        if jurisdiction is None:
            jurisdiction = site_jurisdiction(job.site).jurisdiction
        if jurisdiction is None:
            raise DomainError("Pick the building department for this site.", field="jurisdiction")
        if not SiteJurisdiction.objects.filter(site_id=job.site_id).exists():
            picked = jurisdiction != site_jurisdiction(job.site).jurisdiction
            SiteJurisdiction.objects.create(
                site_id=job.site_id, jurisdiction=jurisdiction, inferred=not picked, set_by=by if picked else None
            )
        permit = Permit(job=job, jurisdiction=jurisdiction, status=S.TO_APPLY, fee=fee)
        reason = "To apply"
        if applied_on is not None:
            _apply(permit, applied_on=applied_on, fee=fee)
            reason = f"Applied on {permit.applied_on:%b %-d, %Y}"
        return _save(permit, by=by, reason=reason)


def permit_apply(*, permit: Permit, applied_on: date, by, fee: Decimal | None = None) -> Permit:
    """The application went in: its day (which fixes the Title 24 code cycle) and the fee."""
    with transaction.atomic():
        permit = _lock(permit)
        _require_status(permit, [S.TO_APPLY], "applied for")
        _apply(permit, applied_on=applied_on, fee=fee)
        return _save(permit, by=by, reason=f"Applied on {permit.applied_on:%b %-d, %Y}")


def permit_record_issued(*, permit: Permit, number: str, issued_on: date, by, expires_on: date | None = None) -> Permit:
    """The permit came in: its number, the day, and until when it is valid (the department's usual
    validity unless the card says otherwise). An application recorded late gets the issue day."""
    number = " ".join((number or "").split())
    if not number:
        raise DomainError("Enter the permit number.", field="number")
    with transaction.atomic():
        permit = _lock(permit)
        _require_status(permit, [S.TO_APPLY, S.APPLIED], "issued")
        issued_on = _day(issued_on, field="issued_on", label="issue date")
        if permit.applied_on is None:
            permit.applied_on = issued_on
            permit.code_cycle = permit_code_cycle(issued_on)
        if issued_on < permit.applied_on:
            raise DomainError(
                f"The issue date is before the application ({permit.applied_on:%b %-d, %Y}).", field="issued_on"
            )
        if expires_on is None:
            expires_on = issued_on + timedelta(days=permit.jurisdiction.permit_valid_days)
        else:
            _day(expires_on, field="expires_on", label="expiry date", not_after_today=False)
        if expires_on <= issued_on:
            raise DomainError("The permit must expire after the day it was issued.", field="expires_on")
        permit.number, permit.issued_on, permit.expires_on = number, issued_on, expires_on
        permit.status = S.ISSUED
        return _save(permit, by=by, reason=f"Issued {number}")


def permit_correct_number(*, permit: Permit, number: str, reason: str, by) -> Permit:
    """Fix a permit number typed wrong; the old number and the reason stay in the history."""
    number = " ".join((number or "").split())
    reason = (reason or "").strip()
    if not number:
        raise DomainError("Enter the permit number.", field="number")
    if not reason:
        raise DomainError("Say why the number changes.", field="reason")
    with transaction.atomic():
        permit = _lock(permit)
        _require_status(permit, NUMBERED_PERMIT_STATUSES, "corrected")
        if number == permit.number:
            raise DomainError("That is already the permit's number.", field="number")
        old = permit.number
        permit.number = number
        permit.notes = "\n".join(
            part for part in (permit.notes, f"Number {old} corrected to {number}: {reason}") if part
        )
        return _save(permit, by=by, reason=f"Number {old} → {number}: {reason}")


def permit_reject(*, permit: Permit, reason: str, by) -> Permit:
    """The department refused the application; the job may apply again (a new permit)."""
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("Say why the department rejected it.", field="reason")
    with transaction.atomic():
        permit = _lock(permit)
        _require_status(permit, [S.APPLIED], "rejected")
        permit.status, permit.status_reason = S.REJECTED, reason
        return _save(permit, by=by, reason=f"Rejected: {reason}")


def permit_expire(*, permit: Permit, by, reason: str = "") -> Permit:
    """An issued permit lapsed before its final inspection; the job needs a new one."""
    with transaction.atomic():
        permit = _lock(permit)
        _require_status(permit, [S.ISSUED], "expired")
        reason = (reason or "").strip() or (
            f"Expired on {permit.expires_on:%b %-d, %Y}" if permit.expires_on else "Expired"
        )
        permit.status, permit.status_reason = S.EXPIRED, reason
        return _save(permit, by=by, reason=f"Expired: {reason}")


def permit_mark_finaled(*, permit: Permit, finaled_on: date, by) -> Permit:
    """The department signed the permit off after its final inspection."""
    with transaction.atomic():
        permit = _lock(permit)
        _require_status(permit, [S.ISSUED], "finaled")
        finaled_on = _day(finaled_on, field="finaled_on", label="final date")
        if permit.issued_on and finaled_on < permit.issued_on:
            raise DomainError(
                f"The final date is before the permit was issued ({permit.issued_on:%b %-d, %Y}).", field="finaled_on"
            )
        permit.status, permit.finaled_on = S.FINALED, finaled_on
        return _save(permit, by=by, reason=f"Finaled on {finaled_on:%b %-d, %Y}")


def permit_exempt(*, job: Job, reason: str, by) -> PermitExemption:
    """The office decides the job needs no permit, and says why (who and when are kept)."""
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("Say why this job needs no permit.", field="reason")
    with transaction.atomic():
        job = _lock_job(job)
        if PermitExemption.objects.filter(job_id=job.pk).exists():
            raise DomainError("This job is already marked as needing no permit.", field="reason")
        live = Permit.objects.filter(job_id=job.pk, status__in=LIVE_PERMIT_STATUSES).first()
        if live is not None:
            raise DomainError(
                f"This job has a permit ({live.get_status_display().lower()}): it cannot also need none.",
                field="reason",
            )
        exemption = PermitExemption(job=job, reason=reason, decided_by=by)
        full_clean_or_refuse(exemption)
        history_note(exemption, by=by, reason="No permit needed")
        exemption.save()
    return exemption


def permit_exemption_withdraw(*, job: Job, reason: str, by) -> None:
    """The job needs a permit after all: the exemption goes, its deletion and the reason kept in its history."""
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("Say why the job needs a permit after all.", field="reason")
    with transaction.atomic():
        job = _lock_job(job)
        exemption = PermitExemption.objects.select_for_update().filter(job_id=job.pk).first()
        if exemption is None:
            raise DomainError("This job is not marked as needing no permit.", field="reason")
        history_note(exemption, by=by, reason=f"Withdrawn: {reason}")
        exemption.delete()


def permit_attach_document(*, permit: Permit, upload, by, title: str = ""):
    """File the permit card in the job folder (checked like every upload) and link it to the permit."""
    with transaction.atomic():
        permit = _lock(permit)
        _require_status(permit, LIVE_PERMIT_STATUSES, "given a document")
        document = document_upload(
            job=permit.job,
            category=DocumentCategory.PERMIT,
            upload=upload,
            by=by,
            title=title or (f"Permit {permit.number}" if permit.number else "Permit"),
        )
        permit.document = document
        _save(permit, by=by, reason="Permit document attached")
    return document
