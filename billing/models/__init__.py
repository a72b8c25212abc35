"""billing's tables, a module per concern:

invoices    invoices and credit notes, their lines, change orders, number sequences, labor rates, deliveries
payments    payments and refunds, what they pay, finance-company fundings, collection notes
rebates     rebate programs, equipment ratings, rebate claims
warranties  manufacturer warranty terms and unit registrations
agreements  maintenance agreement plans, agreements and their visits
"""

from .agreements import AgreementPlan, AgreementVisit, MaintenanceAgreement
from .invoices import ChangeOrder, Invoice, InvoiceDelivery, InvoiceLine, LaborRate, NumberSequence
from .payments import CollectionNote, FinanceFunding, Payment, PaymentApplication
from .rebates import EquipmentRating, Rebate, RebateProgram
from .warranties import WarrantyRegistration, WarrantyTerms

__all__ = [
    "AgreementPlan",
    "AgreementVisit",
    "EquipmentRating",
    "MaintenanceAgreement",
    "Rebate",
    "RebateProgram",
    "WarrantyRegistration",
    "WarrantyTerms",
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
