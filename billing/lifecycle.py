"""What billing adds to a job's lifecycle: Invoiced needs a posted invoice, Closed needs it paid."""

from .choices import InvoiceKind, InvoiceStatus
from .models import Invoice
from .money import dollars
from .selectors.balances import job_balance


def _has_posted_invoice(job) -> bool:
    return Invoice.objects.filter(job_id=job.pk, kind=InvoiceKind.INVOICE, status=InvoiceStatus.POSTED).exists()


def invoice_not_posted(job) -> list[str]:
    """The condition on Invoiced: the job has a posted invoice."""
    return [] if _has_posted_invoice(job) else ["no posted invoice"]


def balance_still_owed(job) -> list[str]:
    """Closed needs a posted invoice and nothing left open on the job's posted invoices."""
    if not _has_posted_invoice(job):
        return ["a posted invoice"]
    owed = job_balance(job)
    if owed > 0:
        return [f"the balance of {dollars(owed)} still owed"]
    return []
