"""Every read a billing page shows, with its joins decided once. One module per concern:

balances        what is owed, as SQL expressions: an invoice's open amount, a customer's balance and credit
invoices        the invoice pages: the list, one invoice, the job's panel, the mail queue, the PDF's invoice
invoice_checks  what stands between a draft and its posting
payments    the payment list and page, a customer's open invoices and credit, a job's payments
fundings    the fundings waiting on finance companies, dealer fees by month, a job's funding
rebates     eligible programs, missing papers, the rebate list
warranties  registrations due, each unit's registration status
agreements  the agreement lists, the club line on a customer's visits
receivables    a customer's account, ledger and statement; the AR aging report
collections    customers with a past-due balance, their contacts and promises to pay
export         the accounting export (CSV)
"""

from .agreements import (
    agreement_list,
    club_line_for_customer,
)
from .balances import (
    customer_balance,
    customer_balance_expression,
    customer_credit_expression,
    invoice_credited_expression,
    invoice_paid_expression,
    invoices_with_open_amounts,
    job_balance,
    past_due_invoices,
    payment_unapplied_expression,
)
from .collections import (
    CollectionRow,
    PromiseState,
    collection_notes_for,
    collection_page,
    promise_state,
)
from .export import (
    EXPORT_COLUMNS,
    accounting_export_csv,
    accounting_export_rows,
)
from .fundings import (
    dealer_fees_by_month,
    funding_counts,
    funding_list,
    job_funding,
)
from .invoice_checks import (
    Problem,
    contract_with_change_orders,
    creditable_amount,
    invoice_posting_problems,
    job_actual_leads,
)
from .invoices import (
    InvoiceFilters,
    change_order_get_visible,
    delivery_get_visible,
    invoice_for_pdf,
    invoice_get_visible,
    invoice_line_get_visible,
    invoice_list,
    invoice_mail_queue,
    invoices_visible_to,
    job_change_orders,
    job_draft_invoice,
    job_invoices,
)
from .payments import (
    customer_credits,
    customer_open_invoices,
    job_payments,
    payment_credit,
    payment_get_for_detail,
    payment_list,
)
from .rebates import (
    rebate_documents_missing,
    rebate_list_eligible_programs,
    rebate_list_for,
)
from .receivables import (
    AGING_BUCKETS,
    aging_rows,
    aging_totals,
    customer_account,
    customer_get_for_account,
    customer_list_with_receivables_visible_to,
    customer_statement,
)
from .warranties import (
    warranty_due_list,
    warranty_status_for_units,
)

__all__ = [
    "AGING_BUCKETS",
    "CollectionRow",
    "EXPORT_COLUMNS",
    "InvoiceFilters",
    "Problem",
    "PromiseState",
    "accounting_export_csv",
    "accounting_export_rows",
    "aging_rows",
    "aging_totals",
    "agreement_list",
    "change_order_get_visible",
    "club_line_for_customer",
    "collection_notes_for",
    "collection_page",
    "contract_with_change_orders",
    "creditable_amount",
    "customer_account",
    "customer_balance",
    "customer_balance_expression",
    "customer_credit_expression",
    "customer_credits",
    "customer_get_for_account",
    "customer_list_with_receivables_visible_to",
    "customer_open_invoices",
    "customer_statement",
    "dealer_fees_by_month",
    "delivery_get_visible",
    "funding_counts",
    "funding_list",
    "invoice_credited_expression",
    "invoice_for_pdf",
    "invoice_get_visible",
    "invoice_line_get_visible",
    "invoice_list",
    "invoice_mail_queue",
    "invoice_paid_expression",
    "invoice_posting_problems",
    "invoices_visible_to",
    "invoices_with_open_amounts",
    "job_actual_leads",
    "job_balance",
    "job_change_orders",
    "job_draft_invoice",
    "job_funding",
    "job_invoices",
    "job_payments",
    "past_due_invoices",
    "payment_credit",
    "payment_get_for_detail",
    "payment_list",
    "payment_unapplied_expression",
    "promise_state",
    "rebate_documents_missing",
    "rebate_list_eligible_programs",
    "rebate_list_for",
    "warranty_due_list",
    "warranty_status_for_units",
]
