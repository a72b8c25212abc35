"""billing's PDFs, rendered with installops.pdf (no network, shipped fonts)."""

from installops.clock import company_today

from .selectors import AGING_BUCKETS
from .selectors.receivables import Statement


def statement_pdf(*, statement: Statement) -> bytes:
    """A customer's statement: small enough (one ledger, a few pages) to render inside its request."""
    from installops.pdf import render_pdf

    buckets = [(bucket.label, statement.aging[bucket.value]) for bucket, _, _ in AGING_BUCKETS]
    return render_pdf(
        "billing/pdf/statement.html",
        {"statement": statement, "customer": statement.customer, "buckets": buckets, "printed_on": company_today()},
    )
