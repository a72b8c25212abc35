"""Rows the follow-up list reads, made directly: one at a time for the edges, in bulk for query counts."""

from datetime import timedelta

from django.utils import timezone

from installops.clock import company_today
from jobs.choices import JobStatus
from jobs.models import Job
from permits.choices import (
    INSPECTION_RESULTS,
    HersStatus,
    InspectionKind,
    InspectionStatus,
    PermitStatus,
    Title24Trigger,
)
from permits.models import HersVerification, Inspection, Permit, Title24Scope
from tests.jobs.factories import CustomerFactory, SiteFactory
from tests.permits.factories import JurisdictionFactory, PermitFactory


def days_ago(days: int):
    return company_today() - timedelta(days=days)


def issued_permit(job, *, issued_on, expires_on=None, jurisdiction=None) -> Permit:
    extra = {"jurisdiction": jurisdiction} if jurisdiction else {}
    return PermitFactory(
        job=job,
        status=PermitStatus.ISSUED,
        number=f"B-{job.number}",
        applied_on=issued_on - timedelta(days=5),
        issued_on=issued_on,
        expires_on=expires_on,
        **extra,
    )


def inspection(job, *, kind=InspectionKind.FINAL, status=InspectionStatus.TO_BOOK, **fields) -> Inspection:
    return Inspection.objects.create(job=job, kind=kind, status=status, **fields)


def bulk_follow_up_rows(count: int) -> None:
    """`count` jobs with a permit each, spread over every kind of line (bulk_create, a few queries)."""
    today = company_today()
    customer = CustomerFactory()
    site = SiteFactory(customer=customer)
    jurisdiction = JurisdictionFactory(name="City of Fresno (bulk)", typical_days_to_issue=5)
    statuses = [JobStatus.SOLD, JobStatus.SCHEDULED, JobStatus.INSTALLED, JobStatus.INSTALLED]
    jobs = Job.objects.bulk_create(
        Job(
            number=f"Q{index:06d}",
            customer=customer,
            site=site,
            sold_on=today - timedelta(days=30 + index % 40),
            status=statuses[index % len(statuses)],
            contract_amount=0,
        )
        for index in range(count)
    )
    permits = []
    for index, job in enumerate(jobs):
        if index % 4 in (0, 1):
            permits.append(Permit(job=job, jurisdiction=jurisdiction, status=PermitStatus.APPLIED,
                                  applied_on=today - timedelta(days=index % 30)))  # fmt: skip
        else:
            permits.append(Permit(job=job, jurisdiction=jurisdiction, status=PermitStatus.ISSUED,
                                  number=f"BULK-{index}", applied_on=today - timedelta(days=60),
                                  issued_on=today - timedelta(days=50),
                                  expires_on=today + timedelta(days=index % 60)))  # fmt: skip
    Permit.objects.bulk_create(permits)
    inspections, verifications, scopes = [], [], []
    for index, job in enumerate(jobs):
        if index % 2 != 1:
            continue
        status = [InspectionStatus.TO_BOOK, InspectionStatus.SCHEDULED, InspectionStatus.FAILED,
                  InspectionStatus.NO_ACCESS][index // 2 % 4]  # fmt: skip
        inspections.append(Inspection(
            job=job, kind=InspectionKind.FINAL, status=status, requested_at=timezone.now(),
            scheduled_on=today - timedelta(days=2) if status == InspectionStatus.SCHEDULED else None,
            result_on=today - timedelta(days=1) if status in INSPECTION_RESULTS else None,
        ))  # fmt: skip
        verifications.append(HersVerification(job=job, status=HersStatus.FAILED, result_on=today - timedelta(days=3)))
        scopes.append(Title24Scope(job=job, trigger=Title24Trigger.CHANGE_OUT))
    Inspection.objects.bulk_create(inspections)
    HersVerification.objects.bulk_create(verifications)
    Title24Scope.objects.bulk_create(scopes)
