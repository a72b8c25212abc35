"""billing's tables, a module per concern:

invoices    invoices and credit notes, their lines, change orders, number sequences, labor rates, deliveries
payments    payments and refunds, what they pay, finance-company fundings, collection notes
"""

from .invoices import ChangeOrder, Invoice, InvoiceDelivery, InvoiceLine, LaborRate, NumberSequence
from .payments import CollectionNote, FinanceFunding, Payment, PaymentApplication

__all__ = [
    "ChangeOrder",
    "CollectionNote",
    "FinanceFunding",
    "Invoice",
    "InvoiceDelivery",
    "InvoiceLine",
    "LaborRate",
    "NumberSequence",
    "Payment",
    "PaymentApplication",
]
