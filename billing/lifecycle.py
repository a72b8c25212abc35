"""What billing says about a job's status: a job is closed only when what it was invoiced is paid."""

from .choices import InvoiceKind, InvoiceStatus
from .models import Invoice
from .money import dollars
from .selectors.balances import job_balance


def balance_still_owed(job) -> list[str]:
    """Closed needs a posted invoice and nothing left open on the job's posted invoices."""
    if not Invoice.objects.filter(job=job, kind=InvoiceKind.INVOICE, status=InvoiceStatus.POSTED).exists():
        return ["a posted invoice"]
    owed = job_balance(job)
    if owed > 0:
        return [f"the balance of {dollars(owed)} still owed"]
    return []
