"""Every read a billing page shows, with its joins decided once. One module per concern:

balances    what is owed, as SQL expressions: an invoice's open amount, a customer's balance and credit
rebates     eligible programs, missing papers, the rebate list
warranties  registrations due, each unit's registration status
agreements  the agreement lists, the club line on a customer's visits
"""

from .agreements import agreement_list, club_line_for_customer
from .balances import (
    customer_balance,
    customer_balance_expression,
    invoice_credited_expression,
    invoice_paid_expression,
    invoices_with_open_amounts,
    job_balance,
    payment_unapplied_expression,
)
from .rebates import rebate_documents_missing, rebate_list_eligible_programs, rebate_list_for
from .warranties import warranty_due_list, warranty_status_for_units

__all__ = [
    "agreement_list",
    "club_line_for_customer",
    "rebate_documents_missing",
    "rebate_list_eligible_programs",
    "rebate_list_for",
    "warranty_due_list",
    "warranty_status_for_units",
    "customer_balance",
    "customer_balance_expression",
    "invoice_credited_expression",
    "invoice_paid_expression",
    "invoices_with_open_amounts",
    "job_balance",
    "payment_unapplied_expression",
]
