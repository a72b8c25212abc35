"""Every read a billing page shows, with its joins decided once. One module per concern:

balances    what is owed, as SQL expressions: an invoice's open amount, a customer's balance and credit
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

__all__ = [
    "customer_balance",
    "customer_balance_expression",
    "invoice_credited_expression",
    "invoice_paid_expression",
    "invoices_with_open_amounts",
    "job_balance",
    "payment_unapplied_expression",
]
