"""Money in and out: payments and refunds, what they pay, finance-company fundings, collections."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from installops.models import TimeStampedModel
from jobs.models import Customer, FinanceCompany, Job

from ..choices import CollectionContact, FundingStatus, PaymentKind, PaymentMethod
from .invoices import Invoice

POSITIVE = [MinValueValidator(Decimal("0.01"))]


class Payment(TimeStampedModel):
    """Money received from (or, for a refund, returned to) a customer. What is not applied to an
    invoice is the customer's credit, to apply later or refund."""

    customer = models.ForeignKey(Customer, on_delete=models.PROTECT, related_name="payments")
    kind = models.CharField(max_length=10, choices=PaymentKind.choices, default=PaymentKind.PAYMENT)
    method = models.CharField(max_length=10, choices=PaymentMethod.choices)
    reference = models.CharField(max_length=80, blank=True, help_text="Check number, card authorisation, ACH trace.")
    received_on = models.DateField()
    amount = models.DecimalField(max_digits=12, decimal_places=2, validators=POSITIVE)
    note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # A refund gives back part of one payment's credit (what it left unapplied).
    refund_of = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="refunds", editable=False
    )
    # Matched to the bank deposit (or, for a finance company's payment, its funding reconciled):
    # from then on the payment stands and cannot be voided.
    reconciled_at = models.DateTimeField(null=True, blank=True, editable=False)
    reconciled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )
    # Entered by mistake: kept for the record, counted nowhere (balances, credit, what it paid).
    voided_at = models.DateTimeField(null=True, blank=True, editable=False)
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )
    void_reason = models.TextField(blank=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-received_on", "-id"]
        indexes = [models.Index(fields=["customer", "received_on"]), models.Index(fields=["received_on"])]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="payment_amount_positive"),
            models.CheckConstraint(
                condition=Q(kind=PaymentKind.PAYMENT, refund_of__isnull=True)
                | Q(kind=PaymentKind.REFUND, refund_of__isnull=False),
                name="payment_refund_has_source",
            ),
            models.CheckConstraint(
                condition=Q(voided_at__isnull=True) | ~Q(void_reason=""), name="payment_void_has_reason"
            ),
        ]
        permissions = [("void_payment", "Can void a payment entered by mistake")]

    @property
    def is_voided(self) -> bool:
        return self.voided_at is not None

    @property
    def is_refund(self) -> bool:
        return self.kind == PaymentKind.REFUND

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.get_method_display().lower()} ${self.amount} on {self.received_on}"


class PaymentApplication(TimeStampedModel):
    """Part (or all) of a payment paying part (or all) of an invoice."""

    payment = models.ForeignKey(Payment, on_delete=models.PROTECT, related_name="applications")
    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="payment_applications")
    amount = models.DecimalField(max_digits=12, decimal_places=2, validators=POSITIVE)
    applied_on = models.DateField()
    applied_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["applied_on", "id"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="payment_application_positive")]

    def __str__(self) -> str:
        return f"${self.amount} of payment {self.payment_id} to invoice {self.invoice_id}"


class FinanceFunding(TimeStampedModel):
    """A finance company's loan paying a job: approved, certificate signed, requested, funded, reconciled.

    The finance company pays the funded amount less its dealer fee. The customer is credited the whole
    funded amount (a payment by "finance company"); the fee is the company's cost, not a discount.
    """

    job = models.ForeignKey(Job, on_delete=models.PROTECT, related_name="fundings")
    finance_company = models.ForeignKey(FinanceCompany, on_delete=models.PROTECT, related_name="fundings")
    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, null=True, blank=True, related_name="fundings")
    status = models.CharField(max_length=20, choices=FundingStatus.choices, default=FundingStatus.APPROVED)
    loan_number = models.CharField(max_length=60, blank=True)
    approved_amount = models.DecimalField(max_digits=12, decimal_places=2, validators=POSITIVE)
    approved_on = models.DateField()
    certificate_signed_on = models.DateField("completion certificate signed", null=True, blank=True)
    requested_on = models.DateField("funding requested", null=True, blank=True)
    funded_on = models.DateField(null=True, blank=True)
    funded_amount = models.DecimalField(
        max_digits=12, decimal_places=2, null=True, blank=True, help_text="Credited to the customer."
    )
    dealer_fee = models.DecimalField(
        max_digits=12, decimal_places=2, null=True, blank=True, help_text="Kept by the finance company."
    )
    net_received = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True, editable=False)
    payment = models.OneToOneField(
        Payment, on_delete=models.PROTECT, null=True, blank=True, related_name="funding", editable=False
    )
    reconciled_at = models.DateTimeField(null=True, blank=True, editable=False)
    reconciled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )
    difference_explanation = models.TextField(
        blank=True, help_text="Why the funded amount differs from the invoice, given when reconciling."
    )
    cancel_reason = models.TextField(blank=True, editable=False)
    note = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["requested_on", "id"]
        indexes = [models.Index(fields=["status", "requested_on"])]
        constraints = [
            # One loan pays a job; a cancelled one may be followed by another.
            models.UniqueConstraint(
                fields=["job"], condition=~Q(status=FundingStatus.CANCELLED), name="funding_one_live_per_job"
            ),
            models.CheckConstraint(
                condition=~Q(status__in=[FundingStatus.FUNDED, FundingStatus.RECONCILED])
                | Q(funded_on__isnull=False, funded_amount__isnull=False, dealer_fee__isnull=False),
                name="funding_funded_has_amounts",
            ),
            models.CheckConstraint(
                condition=Q(dealer_fee__isnull=True) | Q(dealer_fee__gte=0), name="funding_fee_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.finance_company} for {self.job.number}: {self.get_status_display()}"


class CollectionNote(TimeStampedModel):
    """One contact chasing a customer's balance, and any promise to pay they made."""

    customer = models.ForeignKey(Customer, on_delete=models.PROTECT, related_name="collection_notes")
    contact = models.CharField(max_length=12, choices=CollectionContact.choices)
    note = models.TextField()
    promised_amount = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True, validators=POSITIVE)
    promised_on = models.DateField("promised to pay by", null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["customer", "created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(promised_amount__isnull=True) | Q(promised_on__isnull=False),
                name="collection_promise_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_contact_display()} with {self.customer} on {self.created_at:%Y-%m-%d}"
