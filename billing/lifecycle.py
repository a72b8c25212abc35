"""What billing adds to a job's lifecycle: Invoiced needs a posted invoice."""

from .choices import InvoiceKind, InvoiceStatus
from .models import Invoice


def invoice_not_posted(job) -> list[str]:
    """The condition on Invoiced: the job has a posted invoice."""
    if Invoice.objects.filter(job_id=job.pk, kind=InvoiceKind.INVOICE, status=InvoiceStatus.POSTED).exists():
        return []
    return ["no posted invoice"]
