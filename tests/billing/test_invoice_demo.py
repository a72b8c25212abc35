"""The demo company shows invoices in every state the office meets."""

import pytest
from django.core.management import call_command

from billing.choices import DeliveryMethod, DeliveryStatus, InvoiceKind, InvoiceStatus, RenderStatus
from billing.models import ChangeOrder, Invoice, InvoiceDelivery
from jobs.choices import JobStatus
from jobs.models import Job

pytestmark = pytest.mark.django_db


def test_the_demo_has_drafts_posted_invoices_a_credit_note_deliveries_and_a_failed_pdf(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", jobs=80, verbosity=0)

    invoices = Invoice.objects.all()
    assert invoices.filter(kind=InvoiceKind.INVOICE, status=InvoiceStatus.DRAFT).exists()
    assert invoices.filter(kind=InvoiceKind.INVOICE, status=InvoiceStatus.POSTED).exists()
    assert invoices.filter(kind=InvoiceKind.CREDIT_NOTE, status=InvoiceStatus.POSTED).exists()
    assert invoices.filter(pdf_status=RenderStatus.DONE).exists()
    assert invoices.filter(pdf_status=RenderStatus.FAILED).exists()
    deliveries = InvoiceDelivery.objects.all()
    assert deliveries.filter(method=DeliveryMethod.EMAIL, status=DeliveryStatus.SENT).exists()
    assert deliveries.filter(method=DeliveryMethod.MAIL, status=DeliveryStatus.QUEUED).exists()
    assert deliveries.filter(method=DeliveryMethod.MAIL, status=DeliveryStatus.MAILED).exists()
    assert {order.status for order in ChangeOrder.objects.all()} == {"approved", "proposed"}
    # Every invoiced job got there by its posted invoice.
    invoiced = Job.objects.filter(status__in=[JobStatus.INVOICED, JobStatus.CLOSED])
    assert invoiced.exists()
    assert not invoiced.filter(status=JobStatus.INVOICED).exclude(invoices__status=InvoiceStatus.POSTED).exists()
