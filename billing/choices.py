from django.db import models


class InvoiceKind(models.TextChoices):
    INVOICE = "invoice", "Invoice"
    CREDIT_NOTE = "credit_note", "Credit note"


class InvoiceStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    POSTED = "posted", "Posted"


class LineKind(models.TextChoices):
    """What an invoice line is for; the order here is the order lines print in."""

    DESCRIPTION = "description", "Description of work"
    LABOR = "labor", "Labor"
    EQUIPMENT = "equipment", "Equipment"
    PART = "part", "Parts and filters"
    CHANGE_ORDER = "change_order", "Change order"
    DISCOUNT = "discount", "Discount"
    REBATE = "rebate", "Rebate applied"
    OTHER = "other", "Other"


# Lines that take money off the invoice: their amount is stored negative.
CREDIT_LINE_KINDS = {LineKind.DISCOUNT, LineKind.REBATE}


class ChangeOrderStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    APPROVED = "approved", "Approved by the customer"
    DECLINED = "declined", "Declined"


class DeliveryMethod(models.TextChoices):
    EMAIL = "email", "Email"
    MAIL = "mail", "Print and mail"


class DeliveryStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"
    MAILED = "mailed", "Mailed"


class RenderStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Rendering"
    DONE = "done", "Ready"
    FAILED = "failed", "Failed"


class PaymentMethod(models.TextChoices):
    CARD = "card", "Card"
    CHECK = "check", "Check"
    CASH = "cash", "Cash"
    ACH = "ach", "ACH transfer"
    FINANCE = "finance", "Finance company"
    CREDIT = "credit", "Customer credit"


class PaymentKind(models.TextChoices):
    PAYMENT = "payment", "Payment"
    REFUND = "refund", "Refund"


class FundingStatus(models.TextChoices):
    APPROVED = "approved", "Loan approved"
    CERTIFICATE_SIGNED = "certificate_signed", "Completion certificate signed"
    REQUESTED = "requested", "Funding requested"
    FUNDED = "funded", "Funded"
    RECONCILED = "reconciled", "Reconciled"
    CANCELLED = "cancelled", "Cancelled"


class CollectionContact(models.TextChoices):
    CALL = "call", "Phone call"
    VOICEMAIL = "voicemail", "Left a voicemail"
    EMAIL = "email", "Email"
    LETTER = "letter", "Letter"
    IN_PERSON = "in_person", "In person"


class AgingBucket(models.TextChoices):
    CURRENT = "current", "Current"
    DAYS_1_30 = "1_30", "1–30 days"
    DAYS_31_60 = "31_60", "31–60 days"
    DAYS_61_90 = "61_90", "61–90 days"
    OVER_90 = "over_90", "Over 90 days"


class SponsorKind(models.TextChoices):
    UTILITY = "utility", "Utility"
    MANUFACTURER = "manufacturer", "Manufacturer"


class RebatePayee(models.TextChoices):
    CUSTOMER = "customer", "Customer"
    COMPANY = "company", "Company"


class RebateDocument(models.TextChoices):
    """The papers a rebate claim may need, each found in the job's folder or records."""

    AHRI = "ahri", "AHRI certificate"
    PERMIT_FINAL = "permit_final", "Permit final"
    CF3R = "cf3r", "CF3R"
    INVOICE = "invoice", "Invoice"


class RebateStatus(models.TextChoices):
    TO_SUBMIT = "to_submit", "To submit"
    SUBMITTED = "submitted", "Submitted"
    APPROVED = "approved", "Approved"
    DENIED = "denied", "Denied"
    PAID = "paid", "Paid"


class Season(models.TextChoices):
    """A maintenance visit's season; the order here is the calendar's."""

    SPRING = "spring", "Spring"
    SUMMER = "summer", "Summer"
    FALL = "fall", "Fall"
    WINTER = "winter", "Winter"


# (first month, last month) of each season's due window; winter runs into the next year.
SEASON_MONTHS = {
    Season.SPRING: (3, 5),
    Season.SUMMER: (6, 8),
    Season.FALL: (9, 11),
    Season.WINTER: (12, 2),
}


class AgreementStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    EXPIRED = "expired", "Expired"
    CANCELLED = "cancelled", "Cancelled"
