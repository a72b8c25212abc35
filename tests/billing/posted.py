"""Posted invoices for tests, written straight to the table (test setup only: posting belongs to the
invoicing services, which these tests do not exercise)."""

from datetime import date
from decimal import Decimal
from itertools import count

from django.utils import timezone

from billing.choices import InvoiceKind, InvoiceStatus
from billing.models import Invoice
from tests.jobs.factories import UserFactory

_sequence = count(1)


def posted_invoice(job, total, *, invoice_date: date = date(2026, 11, 2), kind=InvoiceKind.INVOICE, credited=None):
    """A posted invoice (or, with `credited`, a credit note) of `total` for the job's customer."""
    sequence = next(_sequence) + 1000 * (Invoice.objects.count() + 1)
    total = Decimal(total)
    prefix = "CN" if kind == InvoiceKind.CREDIT_NOTE else "INV"
    return Invoice.objects.create(
        kind=kind,
        status=InvoiceStatus.POSTED,
        job=job,
        customer=job.customer,
        credited_invoice=credited,
        number=f"{prefix}-{invoice_date.year}-{sequence:06d}",
        year=invoice_date.year,
        sequence=sequence,
        invoice_date=invoice_date,
        due_date=invoice_date,
        subtotal=total,
        total=total,
        created_by=UserFactory(),
        posted_at=timezone.now(),
    )


def paid_in_full(job, total="1000.00"):
    """A posted invoice for the job and a check paying all of it (rows written directly: no job moves)."""
    from billing.models import Payment, PaymentApplication

    invoice = posted_invoice(job, total)
    by = invoice.created_by
    payment = Payment.objects.create(
        customer=job.customer, method="check", reference="1001", received_on=invoice.invoice_date,
        amount=invoice.total, recorded_by=by,
    )  # fmt: skip
    PaymentApplication.objects.create(
        payment=payment, invoice=invoice, amount=invoice.total, applied_on=invoice.invoice_date, applied_by=by
    )
    return invoice
