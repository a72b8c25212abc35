"""Checks before posting, posting (number, frozen, the job to Invoiced), and credit notes."""

from datetime import date
from decimal import Decimal

import pytest

from billing.choices import InvoiceKind, InvoiceStatus, LineKind, RenderStatus
from billing.models import Invoice, NumberSequence
from billing.selectors import invoice_posting_problems
from billing.services import (
    credit_note_draft,
    invoice_draft_from_job,
    invoice_line_add,
    invoice_line_remove,
    invoice_post,
    invoice_update_header,
)
from installops.errors import DomainError
from jobs.choices import JobStatus
from jobs.lifecycle import status_missing
from people.choices import EmployeeRole
from tests.billing.invoice_helpers import billable_job
from tests.people.factories import EmployeeFactory

pytestmark = [pytest.mark.django_db, pytest.mark.company_time("2026-11-24 09:00")]


def messages(invoice):
    return [problem.message for problem in invoice_posting_problems(Invoice.objects.get(pk=invoice.pk))]


def test_a_clean_draft_has_no_problems_and_posts_with_the_first_number(accounting, django_capture_on_commit_callbacks):
    job, _, _ = billable_job()
    invoice, _ = invoice_draft_from_job(job=job, by=accounting)
    assert messages(invoice) == []

    with django_capture_on_commit_callbacks(execute=True):
        posted = invoice_post(invoice=invoice, by=accounting)

    assert posted.number == "INV-2026-00001"
    assert (posted.status, posted.year, posted.sequence) == (InvoiceStatus.POSTED, 2026, 1)
    job.refresh_from_db()
    assert job.status == JobStatus.INVOICED
    assert job.status_changes.filter(to_status=JobStatus.INVOICED, note__contains="INV-2026-00001").exists()
    # The PDF was queued on commit and rendered (tasks run eagerly in tests).
    posted.refresh_from_db()
    assert posted.pdf_status == RenderStatus.DONE
    assert posted.history.filter(history_change_reason="Posted as INV-2026-00001").exists()


def test_each_check_names_its_fix(accounting):
    job, lead, _ = billable_job(serial="")
    invoice, _ = invoice_draft_from_job(job=job, by=accounting)
    somebody_else = EmployeeFactory(role=EmployeeRole.INSTALLER, user__first_name="Cy", user__last_name="Diaz")
    invoice_update_header(invoice=invoice, by=accounting, primary_employee=somebody_else)
    invoice_line_add(
        invoice=invoice, by=accounting, kind=LineKind.OTHER, description="Haul-away", unit_price=Decimal("75")
    )
    Invoice.objects.filter(pk=invoice.pk).update(invoice_date=None)

    problems = invoice_posting_problems(Invoice.objects.get(pk=invoice.pk))

    texts = " | ".join(problem.message for problem in problems)
    assert "Enter the invoice date." in texts
    assert "is not the contract plus approved change orders ($9,000.00)" in texts
    assert "Cy Diaz" in texts
    assert "Ana Ruiz" in texts
    assert "has no serial number" in texts
    assert all(problem.fix_url.startswith("/") for problem in problems)
    with pytest.raises(DomainError) as refusal:
        invoice_post(invoice=invoice, by=accounting)
    assert "no serial number" in refusal.value.message
    assert not NumberSequence.objects.exists()


def test_a_written_explanation_lets_a_different_total_post(accounting):
    job, _, _ = billable_job()
    invoice, _ = invoice_draft_from_job(job=job, by=accounting)
    invoice_line_add(
        invoice=invoice, by=accounting, kind=LineKind.DISCOUNT, description="Loyalty", unit_price=Decimal("100")
    )
    assert any("contract" in text for text in messages(invoice))
    invoice_update_header(invoice=invoice, by=accounting, difference_explanation="Loyalty discount agreed by phone.")
    assert messages(invoice) == []


def test_invoiced_needs_a_posted_invoice(accounting):
    job, _, _ = billable_job()
    assert "no posted invoice" in status_missing(job, JobStatus.INVOICED)
    invoice, _ = invoice_draft_from_job(job=job, by=accounting)
    invoice_post(invoice=invoice, by=accounting)
    assert "no posted invoice" not in status_missing(job, JobStatus.INVOICED)


def test_a_posted_invoice_is_never_edited(accounting):
    job, _, _ = billable_job()
    invoice, _ = invoice_draft_from_job(job=job, by=accounting)
    invoice_post(invoice=invoice, by=accounting)
    line = invoice.lines.first()
    with pytest.raises(DomainError, match="posted"):
        invoice_line_add(invoice=invoice, by=accounting, kind=LineKind.OTHER, description="x", unit_price=Decimal("1"))
    with pytest.raises(DomainError, match="posted"):
        invoice_line_remove(line=line, by=accounting)
    with pytest.raises(DomainError, match="posted"):
        invoice_update_header(invoice=invoice, by=accounting, notes="changed")
    with pytest.raises(DomainError, match="already posted"):
        invoice_post(invoice=invoice, by=accounting)
    with pytest.raises(DomainError, match="posted invoice"):
        invoice_draft_from_job(job=job, by=accounting)


def test_numbers_count_per_kind_and_year_of_the_invoice_date(accounting):
    first_job, _, _ = billable_job()
    second_job, _, _ = billable_job()
    first, _ = invoice_draft_from_job(job=first_job, by=accounting)
    second, _ = invoice_draft_from_job(job=second_job, by=accounting)
    invoice_update_header(invoice=second, by=accounting, invoice_date=date(2025, 12, 30))
    assert invoice_post(invoice=first, by=accounting).number == "INV-2026-00001"
    assert invoice_post(invoice=second, by=accounting).number == "INV-2025-00001"

    credit = credit_note_draft(invoice=first, by=accounting, reason="Billed twice for the filter")
    assert credit.kind == InvoiceKind.CREDIT_NOTE
    assert credit.total == first.total
    assert invoice_post(invoice=credit, by=accounting).number == "CN-2026-0001"


def test_a_credit_note_cannot_credit_more_than_is_left(accounting):
    job, _, _ = billable_job()
    invoice, _ = invoice_draft_from_job(job=job, by=accounting)
    invoice = invoice_post(invoice=invoice, by=accounting)
    labor = invoice.lines.filter(kind=LineKind.LABOR).order_by("position").first()

    partial = credit_note_draft(
        invoice=invoice, by=accounting, reason="Helper left early", lines={labor.pk: Decimal("2")}
    )
    assert partial.total == Decimal("2") * labor.unit_price
    invoice_post(invoice=partial, by=accounting)

    # The rest of the invoice is left; crediting all of it again is too much, and nothing is half-made.
    with pytest.raises(DomainError, match="left to credit"):
        credit_note_draft(invoice=invoice, by=accounting, reason="Cancelled")
    assert not Invoice.objects.filter(kind=InvoiceKind.CREDIT_NOTE, status=InvoiceStatus.DRAFT).exists()


def test_two_drafts_over_the_limit_cannot_both_post(accounting):
    job, _, _ = billable_job()
    invoice, _ = invoice_draft_from_job(job=job, by=accounting)
    invoice = invoice_post(invoice=invoice, by=accounting)
    first = credit_note_draft(invoice=invoice, by=accounting, reason="Refund")
    second = credit_note_draft(invoice=invoice, by=accounting, reason="Refund again")
    invoice_post(invoice=first, by=accounting)
    with pytest.raises(DomainError, match="left to credit"):
        invoice_post(invoice=second, by=accounting)
    with pytest.raises(DomainError, match="credited in full"):
        credit_note_draft(invoice=invoice, by=accounting, reason="Once more")


def test_a_credit_note_needs_a_reason_and_a_posted_invoice(accounting):
    job, _, _ = billable_job()
    invoice, _ = invoice_draft_from_job(job=job, by=accounting)
    with pytest.raises(DomainError, match="posted invoice"):
        credit_note_draft(invoice=invoice, by=accounting, reason="x")
    invoice_post(invoice=invoice, by=accounting)
    with pytest.raises(DomainError, match="why"):
        credit_note_draft(invoice=invoice, by=accounting, reason="  ")
