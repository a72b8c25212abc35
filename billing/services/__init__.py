"""Every write of billing. One module per concern; the public functions are re-exported here.

payments    payments, credit applied later, refunds, voids, bank reconciliation; closing a job paid in full
fundings    a finance company's loan: approved, certificate signed, requested, funded, reconciled, cancelled
"""

from .fundings import (
    funding_cancel,
    funding_certificate_signed,
    funding_open,
    funding_reconcile,
    funding_record_funded,
    funding_request,
)
from .payments import (
    job_close_when_paid,
    payment_apply_credit,
    payment_reconcile,
    payment_record,
    payment_void,
    refund_record,
)

__all__ = [
    "funding_cancel",
    "funding_certificate_signed",
    "funding_open",
    "funding_reconcile",
    "funding_record_funded",
    "funding_request",
    "job_close_when_paid",
    "payment_apply_credit",
    "payment_reconcile",
    "payment_record",
    "payment_void",
    "refund_record",
]
