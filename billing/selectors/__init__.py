"""Every read a billing page shows, with its joins decided once. One module per concern:

balances       what is owed, as SQL expressions: an invoice's open amount, a customer's balance and credit
receivables    a customer's account, ledger and statement; the AR aging report
collections    customers with a past-due balance, their contacts and promises to pay
export         the accounting export (CSV)
"""

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
from .collections import CollectionRow, PromiseState, collection_notes_for, collection_page, promise_state
from .export import EXPORT_COLUMNS, accounting_export_csv, accounting_export_rows
from .receivables import (
    AGING_BUCKETS,
    aging_rows,
    aging_totals,
    customer_account,
    customer_get_for_account,
    customer_list_with_receivables_visible_to,
    customer_statement,
)

__all__ = [
    "AGING_BUCKETS",
    "CollectionRow",
    "EXPORT_COLUMNS",
    "PromiseState",
    "accounting_export_csv",
    "accounting_export_rows",
    "aging_rows",
    "aging_totals",
    "collection_notes_for",
    "collection_page",
    "customer_account",
    "customer_balance",
    "customer_balance_expression",
    "customer_credit_expression",
    "customer_get_for_account",
    "customer_list_with_receivables_visible_to",
    "customer_statement",
    "invoice_credited_expression",
    "invoice_paid_expression",
    "invoices_with_open_amounts",
    "job_balance",
    "past_due_invoices",
    "payment_unapplied_expression",
    "promise_state",
]
