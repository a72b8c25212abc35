"""Every read a billing page shows, with its joins decided once. One module per concern:

balances    what is owed, as SQL expressions: an invoice's open amount, a customer's balance and credit
payments    the payment list and page, a customer's open invoices and credit, a job's payments
fundings    the fundings waiting on finance companies, dealer fees by month, a job's funding
"""

from .balances import (
    customer_balance,
    customer_balance_expression,
    invoice_credited_expression,
    invoice_paid_expression,
    invoices_with_open_amounts,
    job_balance,
    payment_unapplied_expression,
)
from .fundings import dealer_fees_by_month, funding_counts, funding_list, job_funding
from .payments import (
    customer_credits,
    customer_open_invoices,
    job_payments,
    payment_credit,
    payment_get_for_detail,
    payment_list,
)

__all__ = [
    "customer_balance",
    "customer_credits",
    "customer_open_invoices",
    "dealer_fees_by_month",
    "funding_counts",
    "funding_list",
    "job_funding",
    "job_payments",
    "payment_credit",
    "payment_get_for_detail",
    "payment_list",
    "customer_balance_expression",
    "invoice_credited_expression",
    "invoice_paid_expression",
    "invoices_with_open_amounts",
    "job_balance",
    "payment_unapplied_expression",
]
