"""billing's PDFs (an invoice or credit note, a customer's statement): our HTML rendered by installops.pdf
(WeasyPrint, local only)."""

from django.conf import settings
from django.utils import timezone

from installops.clock import company_today
from installops.pdf import render_pdf

from .selectors import AGING_BUCKETS
from .selectors.invoices import invoice_for_pdf
from .selectors.receivables import Statement


def invoice_pdf_context(*, invoice_id: int) -> dict:
    invoice = invoice_for_pdf(invoice_id=invoice_id)
    return {
        "invoice": invoice,
        "job": invoice.job,
        "customer": invoice.customer,
        "site": invoice.job.site,
        "lines": list(invoice.lines.all()),
        "applications": list(invoice.payment_applications.all()),
        "balance_due": invoice.open_amount,  # type: ignore[attr-defined]  # annotated by the selector
        "company_phone": settings.COMPANY_PHONE,
        "generated_at": timezone.now(),
    }


def invoice_pdf(*, invoice_id: int) -> bytes:
    return render_pdf("billing/pdf/invoice.html", invoice_pdf_context(invoice_id=invoice_id))


def statement_pdf(*, statement: Statement) -> bytes:
    """A customer's statement: small enough (one ledger, a few pages) to render inside its request."""
    buckets = [(bucket.label, statement.aging[bucket.value]) for bucket, _, _ in AGING_BUCKETS]
    return render_pdf(
        "billing/pdf/statement.html",
        {"statement": statement, "customer": statement.customer, "buckets": buckets, "printed_on": company_today()},
    )
