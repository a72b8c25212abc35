"""A job is closed when its posted invoices are paid and its visits closed out, and not before."""

from datetime import date
from decimal import Decimal

import pytest

from billing.choices import PaymentMethod
from billing.services import (
    funding_certificate_signed,
    funding_open,
    funding_record_funded,
    funding_request,
    payment_record,
)
from jobs.choices import JobStatus
from jobs.lifecycle import status_missing
from jobs.models import Job, JobStatusChange
from scheduling.choices import VisitStatus
from tests.billing.posted import posted_invoice
from tests.jobs.factories import FinanceCompanyFactory, JobFactory
from tests.scheduling.factories import VisitFactory

pytestmark = [pytest.mark.django_db, pytest.mark.company_time("2026-11-24 09:00")]

D = Decimal


def invoiced_job(visit_status=VisitStatus.CLOSED_OUT):
    job = JobFactory(kind="maintenance", status=JobStatus.INVOICED)
    VisitFactory(job=job, status=visit_status)
    return job


def pay(job, invoice, amount, by):
    return payment_record(
        customer=job.customer, method=PaymentMethod.CARD, reference="auth 5512", received_on=date(2026, 11, 24),
        amount=D(amount), applications=[(invoice, D(amount))], note="", by=by,
    )  # fmt: skip


def test_closed_needs_a_posted_invoice_then_the_balance_paid(accounting):
    job = invoiced_job()
    assert "a posted invoice" in status_missing(job, JobStatus.CLOSED)
    posted_invoice(job, "1250.00")
    assert "the balance of $1,250.00 still owed" in status_missing(job, JobStatus.CLOSED)


def test_a_partial_payment_leaves_the_job_invoiced(accounting):
    job = invoiced_job()
    invoice = posted_invoice(job, "1250.00")
    pay(job, invoice, "1000.00", accounting)
    assert Job.objects.get(pk=job.pk).status == JobStatus.INVOICED
    assert status_missing(job, JobStatus.CLOSED) == ["the balance of $250.00 still owed"]


def test_the_payment_that_brings_the_balance_to_zero_closes_the_job_by_who_recorded_it(accounting):
    job = invoiced_job()
    invoice = posted_invoice(job, "1250.00")
    pay(job, invoice, "1000.00", accounting)
    pay(job, invoice, "250.00", accounting)
    assert Job.objects.get(pk=job.pk).status == JobStatus.CLOSED
    change = JobStatusChange.objects.get(job=job, to_status=JobStatus.CLOSED)
    assert change.changed_by == accounting
    assert change.note == "Paid in full: closed."
    assert job.history.order_by("-history_id").first().history_user == accounting


def test_a_paid_job_with_a_visit_not_closed_out_stays_invoiced(accounting):
    job = invoiced_job(visit_status=VisitStatus.COMPLETED)
    invoice = posted_invoice(job, "400.00")
    pay(job, invoice, "400.00", accounting)
    assert Job.objects.get(pk=job.pk).status == JobStatus.INVOICED


def test_a_paid_job_not_yet_invoiced_does_not_jump_to_closed(accounting):
    job = JobFactory(kind="maintenance", status=JobStatus.INSTALLED)
    VisitFactory(job=job, status=VisitStatus.CLOSED_OUT)
    invoice = posted_invoice(job, "400.00")
    pay(job, invoice, "400.00", accounting)
    assert Job.objects.get(pk=job.pk).status == JobStatus.INSTALLED


def test_a_funding_that_pays_the_invoice_closes_the_job(accounting):
    job = invoiced_job()
    posted_invoice(job, "9000.00")
    funding = funding_open(job=job, finance_company=FinanceCompanyFactory(), approved_amount=D("9000.00"),
                           approved_on=date(2026, 10, 1), by=accounting)  # fmt: skip
    funding_certificate_signed(funding=funding, signed_on=date(2026, 11, 2), by=accounting)
    funding_request(funding=funding, requested_on=date(2026, 11, 3), by=accounting)
    funding_record_funded(funding=funding, funded_on=date(2026, 11, 23), funded_amount=D("9000.00"),
                          dealer_fee=D("360.00"), by=accounting)  # fmt: skip
    assert Job.objects.get(pk=job.pk).status == JobStatus.CLOSED


def test_a_paid_job_closes_when_its_last_visit_is_closed_out_even_twice(accounting, coordinator):
    from billing.tasks import job_close_when_paid_task
    from scheduling.signals import visit_dispatch_status_changed

    job = invoiced_job(visit_status=VisitStatus.COMPLETED)
    invoice = posted_invoice(job, "400.00")
    pay(job, invoice, "400.00", accounting)
    visit = job.visits.get()
    assert job_close_when_paid_task(visit.pk, coordinator.pk) == "unchanged"
    job.visits.update(status=VisitStatus.CLOSED_OUT)
    visit_dispatch_status_changed.send(
        sender=None, visit_id=visit.pk, from_status=VisitStatus.COMPLETED, to_status=VisitStatus.CLOSED_OUT,
        by_id=coordinator.pk, change_id="x",
    )  # fmt: skip
    assert Job.objects.get(pk=job.pk).status == JobStatus.CLOSED
    assert JobStatusChange.objects.get(job=job, to_status=JobStatus.CLOSED).changed_by == coordinator
    assert job_close_when_paid_task(visit.pk, coordinator.pk) == "unchanged"
    assert JobStatusChange.objects.filter(job=job, to_status=JobStatus.CLOSED).count() == 1
