"""Every write of billing. One module per concern; the public functions are re-exported here.

invoices            drafting an invoice from its job, editing a draft's header and lines
change_orders       change orders proposed, approved (on a day) or declined
invoice_posting     posting (gapless numbers, the job to Invoiced), credit notes
invoice_pdfs        the invoice PDF on the pdf queue (the invoice row is its outbox) and its relay
invoice_delivery    emailing an invoice, the print-and-mail queue
payments    payments, credit applied later, refunds, voids, bank reconciliation; closing a job paid in full
fundings    a finance company's loan: approved, certificate signed, requested, funded, reconciled, cancelled
rebates     rebate claims: open, submit (checked against the job folder), approve, deny, paid
warranties  a unit's manufacturer warranty registration
agreements  maintenance agreements and their seasonal maintenance jobs: enter, renew, cancel, expire
collections    the collection log: contacts with a customer about their balance, promises to pay
"""

from .agreements import (
    agreement_cancel,
    agreement_enter,
    agreement_expire_lapsed,
    agreement_renew,
)
from .change_orders import (
    change_order_add,
    change_order_decide,
)
from .collections import (
    collection_note_add,
)
from .fundings import (
    funding_cancel,
    funding_certificate_signed,
    funding_open,
    funding_reconcile,
    funding_record_funded,
    funding_request,
)
from .invoice_delivery import (
    invoice_deliveries_print,
    invoice_deliveries_record_mailed,
    invoice_delivery_settle,
    invoice_email,
    invoice_mail,
)
from .invoice_pdfs import (
    invoice_pdf_render,
    invoice_pdf_render_relay,
    invoice_pdf_rerender,
    invoice_pdfs_enqueue,
)
from .invoice_posting import (
    credit_note_draft,
    invoice_number,
    invoice_post,
)
from .invoices import (
    invoice_draft_from_job,
    invoice_line_add,
    invoice_line_remove,
    invoice_line_update,
    invoice_recompute,
    invoice_update_header,
)
from .payments import (
    job_close_when_paid,
    payment_apply_credit,
    payment_reconcile,
    payment_record,
    payment_void,
    refund_record,
)
from .rebates import (
    rebate_approve,
    rebate_deny,
    rebate_mark_paid,
    rebate_open,
    rebate_submit,
)
from .warranties import (
    warranty_register,
)

__all__ = [
    "agreement_cancel",
    "agreement_enter",
    "agreement_expire_lapsed",
    "agreement_renew",
    "change_order_add",
    "change_order_decide",
    "collection_note_add",
    "credit_note_draft",
    "funding_cancel",
    "funding_certificate_signed",
    "funding_open",
    "funding_reconcile",
    "funding_record_funded",
    "funding_request",
    "invoice_deliveries_print",
    "invoice_deliveries_record_mailed",
    "invoice_delivery_settle",
    "invoice_draft_from_job",
    "invoice_email",
    "invoice_line_add",
    "invoice_line_remove",
    "invoice_line_update",
    "invoice_mail",
    "invoice_number",
    "invoice_pdf_render",
    "invoice_pdf_render_relay",
    "invoice_pdf_rerender",
    "invoice_pdfs_enqueue",
    "invoice_post",
    "invoice_recompute",
    "invoice_update_header",
    "job_close_when_paid",
    "payment_apply_credit",
    "payment_reconcile",
    "payment_record",
    "payment_void",
    "rebate_approve",
    "rebate_deny",
    "rebate_mark_paid",
    "rebate_open",
    "rebate_submit",
    "refund_record",
    "warranty_register",
]
