"""The invoice PDF: what it prints, rendered once on the pdf queue, retried and failed visibly."""

import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from pypdf import PdfReader

from billing.choices import RenderStatus
from billing.models import Invoice, PaymentApplication
from billing.pdfs import invoice_pdf
from billing.services import (
    invoice_draft_from_job,
    invoice_pdf_render,
    invoice_pdf_render_relay,
    invoice_pdf_rerender,
    invoice_post,
)
from billing.services.invoice_pdfs import PDF_MAX_ATTEMPTS, PDF_RELAY_GRACE
from billing.tasks import invoice_pdf_render_task
from tests.billing.factories import PaymentFactory
from tests.billing.invoice_helpers import billable_job
from tests.outbox import QueueProbe, dead_broker, publishing_to

pytestmark = [pytest.mark.django_db, pytest.mark.company_time("2026-11-24 09:00")]


def text_of(content: bytes) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages)


@pytest.fixture
def posted(accounting, django_capture_on_commit_callbacks):
    job, _, _ = billable_job(customer__name="Rosa Delgado")
    invoice, _ = invoice_draft_from_job(job=job, by=accounting)
    with django_capture_on_commit_callbacks(execute=False):
        return invoice_post(invoice=invoice, by=accounting)


def test_the_pdf_prints_the_invoice_its_lines_and_what_is_still_due(posted, accounting):
    payment = PaymentFactory(customer=posted.customer, amount=Decimal("1000.00"), reference="4417")
    PaymentApplication.objects.create(
        payment=payment, invoice=posted, amount=Decimal("1000.00"), applied_on=date(2026, 11, 25), applied_by=accounting
    )
    text = text_of(invoice_pdf(invoice_id=posted.pk))
    assert "Valley Comfort Heating & Air" in text
    assert "Rosa Delgado" in text
    assert "Invoice INV-2026-00001" in text
    assert "Date: November 24, 2026" in text
    assert "Due: December 24, 2026" in text
    assert "Model 24ACC636 · Serial SN-1001 · Warranty: parts 10 yr, labor 1 yr" in text
    assert "Labor — Ana Ruiz, 8 h at $95.00/h" in text
    assert "Subtotal" in text
    assert "Total $9,000.00" in text
    assert "Payment Check 4417" in text
    assert "Balance due $8,000.00" in text


def test_posting_renders_it_and_the_task_run_twice_renders_once(posted):
    assert invoice_pdf_render_task.apply(args=[posted.pk]).get() == RenderStatus.DONE
    assert invoice_pdf_render_task.apply(args=[posted.pk]).get() == "skipped"
    posted.refresh_from_db()
    assert posted.pdf_attempts == 1
    # Named by its number (storage adds a suffix when a file of that name is already there).
    assert posted.pdf.name.startswith("invoices/2026/INV-2026-00001")
    assert "INV-2026-00001" in text_of(posted.pdf.read())


def test_a_failing_render_is_tried_three_times_then_shows_failed_and_can_be_rendered_again(
    posted, accounting, monkeypatch, company_clock
):
    monkeypatch.setattr("billing.pdfs.render_pdf", lambda *args: (_ for _ in ()).throw(OSError("fonts missing")))
    for attempt in range(1, PDF_MAX_ATTEMPTS + 1):
        invoice = invoice_pdf_render(invoice_id=posted.pk)
        assert invoice.pdf_attempts == attempt
    assert invoice.pdf_status == RenderStatus.FAILED
    assert "fonts missing" in invoice.pdf_error
    monkeypatch.undo()
    invoice_pdf_rerender(invoice=invoice, by=accounting)
    assert invoice_pdf_render(invoice_id=posted.pk).pdf_status == RenderStatus.DONE


def test_with_the_broker_down_the_render_waits_and_the_relay_queues_it_once(accounting, company_clock):
    probe = QueueProbe()
    probe.delete("pdf")
    job, _, _ = billable_job()
    invoice, _ = invoice_draft_from_job(job=job, by=accounting)
    with dead_broker():
        invoice = invoice_post(invoice=invoice, by=accounting)
        from billing.services import invoice_pdfs_enqueue

        assert invoice_pdfs_enqueue(invoice_ids=[invoice.pk]) is False
    invoice.refresh_from_db()
    assert (invoice.pdf_status, invoice.pdf_enqueued_at) == (RenderStatus.QUEUED, None)
    with publishing_to(probe.name):
        assert invoice_pdf_render_relay() == (0, 0, 0)
        company_clock.shift(PDF_RELAY_GRACE + timedelta(seconds=1))
        assert invoice_pdf_render_relay() == (1, 0, 0)
        assert invoice_pdf_render_relay() == (0, 0, 0)
    queued = [args[0] for name, args in probe.tasks("pdf") if name == "billing.tasks.invoice_pdf_render_task"]
    probe.delete("pdf")
    assert queued == [invoice.pk]
    assert Invoice.objects.get(pk=invoice.pk).pdf_enqueued_at is not None
