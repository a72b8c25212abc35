"""Jobs whose status stands on its facts: the visits, permit, inspections and close-outs the status claims.

The job lifecycle (jobs/services/lifecycle.py) refuses a move the facts do not support; tests that
start from a status build the facts with it.
"""

import hashlib
from datetime import date

from django.core.files.base import ContentFile
from django.utils import timezone

from installops.clock import company_today
from jobs.choices import DocumentCategory, DocumentKind, JobKind, JobStatus
from jobs.models import Document
from permits.choices import (
    LIVE_PERMIT_STATUSES,
    HersRegistry,
    HersStatus,
    HersTestKind,
    HersTestResult,
    InspectionKind,
    InspectionStatus,
    PermitStatus,
    Title24FormKind,
    Title24Trigger,
)
from permits.models import HersTest, HersVerification, Title24Form, Title24Scope
from scheduling.choices import VisitStatus
from tests.billing.posted import paid_in_full
from tests.jobs.factories import JobFactory
from tests.permits.factories import InspectionFactory, PermitFactory
from tests.scheduling.factories import VisitFactory

S = JobStatus
VISIT_FOR_STATUS = {
    S.SCHEDULED: VisitStatus.CONFIRMED,
    S.PERMITTED: VisitStatus.CONFIRMED,
    S.READY: VisitStatus.CONFIRMED,
    S.INSTALLED: VisitStatus.COMPLETED,
    S.INSPECTED: VisitStatus.COMPLETED,
    S.INVOICED: VisitStatus.COMPLETED,
    S.CLOSED: VisitStatus.CLOSED_OUT,
}


def job_with_facts(status: str, *, kind: str = JobKind.INSTALL, **job_fields):
    """A job at `status` with a visit in the matching state and, for an install past scheduled, its permit
    (and, once inspected, its passed final inspection)."""
    job = JobFactory(status=status, kind=kind, **job_fields)
    if status in VISIT_FOR_STATUS:
        VisitFactory(job=job, status=VISIT_FOR_STATUS[status])
    if kind == JobKind.INSTALL and status not in (S.SOLD, S.SCHEDULED, S.CANCELLED, S.ON_HOLD):
        issue_permit(job)
    if kind == JobKind.INSTALL and status == S.INSPECTED:
        pass_final_inspection(job)
    if status == S.INVOICED:
        post_invoice(job)
    if status == S.CLOSED:
        paid_in_full(job)
    return job


def post_invoice(job):
    """The job's invoice is posted: the fact Invoiced stands on (billing's own tests post through its services)."""
    from billing.choices import InvoiceStatus
    from tests.billing.factories import InvoiceFactory

    return InvoiceFactory(
        job=job,
        status=InvoiceStatus.POSTED,
        number=f"INV-2026-{job.pk:05d}",
        year=2026,
        sequence=job.pk,
        posted_at=timezone.now(),
    )


def issue_permit(job):
    """The job's live permit comes in (or one is made issued when it had none)."""
    permit = job.permits.filter(status__in=LIVE_PERMIT_STATUSES).first()
    if permit is None:
        return PermitFactory(job=job, status=PermitStatus.ISSUED, number=f"B26-{job.pk:05d}")
    permit.status, permit.number = PermitStatus.ISSUED, f"B26-{job.pk:05d}"
    permit.save(update_fields=["status", "number"])
    return permit


def pass_final_inspection(job):
    """The job's final inspection was booked and passed (the job's status is left as it is)."""
    day = company_today()
    return InspectionFactory(
        job=job,
        permit=job.permits.filter(status__in=LIVE_PERMIT_STATUSES).first(),
        kind=InspectionKind.FINAL,
        status=InspectionStatus.PASSED,
        scheduled_on=day,
        result_on=day,
    )


def title24_document(job, kind: str):
    """A small filed PDF standing for one of the job's Title 24 forms."""
    content = b"%PDF-1.4\n%%EOF\n"
    document = Document(
        job=job, category=DocumentCategory.TITLE24, title=kind.upper(), kind=DocumentKind.PDF,
        content_type="application/pdf", size=len(content), sha256=hashlib.sha256(content).hexdigest(),
    )  # fmt: skip
    document.file.save(f"{kind}.pdf", ContentFile(content), save=True)
    return document


def close_title24_gate(job, *, hers_required: bool = True):
    """The job falls under Title 24 (a change-out) and every form it needs is registered with its document."""
    scope, _ = Title24Scope.objects.update_or_create(
        job=job, defaults={"trigger": Title24Trigger.CHANGE_OUT, "hers_required": hers_required}
    )
    kinds = [Title24FormKind.CF1R, Title24FormKind.CF2R] + ([Title24FormKind.CF3R] if hers_required else [])
    for kind in kinds:
        Title24Form.objects.update_or_create(
            job=job, kind=kind,
            defaults={"registry": HersRegistry.CALCERTS, "registry_id": f"{kind.upper()}-{job.pk:06d}",
                      "document": title24_document(job, kind)},
        )  # fmt: skip
    return scope


def pass_hers(job):
    """The rater came and every test passed."""
    verification = HersVerification.objects.create(
        job=job, status=HersStatus.PASSED, rater_company="Valley HERS Raters", scheduled_on=date(2026, 1, 5),
        result_on=date(2026, 1, 5),
    )  # fmt: skip
    for kind in (HersTestKind.DUCT_LEAKAGE, HersTestKind.REFRIGERANT_CHARGE):
        HersTest.objects.create(verification=verification, kind=kind, result=HersTestResult.PASSED)
    return verification
