"""Invoices and credit notes (one table, told apart by `kind`), their lines, change orders and numbers."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from installops.models import TimeStampedModel
from jobs.models import Customer, InstalledEquipment, Job
from people.choices import EmployeeRole
from people.models import Employee

from ..choices import (
    ChangeOrderStatus,
    DeliveryMethod,
    DeliveryStatus,
    InvoiceKind,
    InvoiceStatus,
    LineKind,
    RenderStatus,
)


def invoice_pdf_storage_name(invoice: "Invoice", filename: str) -> str:
    return f"invoices/{invoice.year or 'draft'}/{invoice.number or invoice.pk}.pdf"


class NumberSequence(models.Model):
    """The last number given to a kind of document in a year. Posting locks the row and counts on
    in the same transaction, so a posting that fails gives its number back: no gaps, no duplicates."""

    kind = models.CharField(max_length=20, choices=InvoiceKind.choices)
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "year"], name="number_sequence_kind_year_unique")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year}: {self.last_number}"


class LaborRate(TimeStampedModel):
    """What an hour of each role is billed at (reference data the office keeps in admin)."""

    role = models.CharField(max_length=20, choices=EmployeeRole.choices, unique=True)
    hourly_rate = models.DecimalField(max_digits=12, decimal_places=2, validators=[MinValueValidator(Decimal("0"))])

    history = HistoricalRecords()

    class Meta:
        ordering = ["role"]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: ${self.hourly_rate}/h"


class ChangeOrder(TimeStampedModel):
    """Work added or removed after the contract was signed, priced and agreed before it is done."""

    job = models.ForeignKey(Job, on_delete=models.PROTECT, related_name="change_orders")
    description = models.CharField(max_length=300)
    amount = models.DecimalField(max_digits=12, decimal_places=2, help_text="Negative for work taken off the contract.")
    status = models.CharField(max_length=10, choices=ChangeOrderStatus.choices, default=ChangeOrderStatus.PROPOSED)
    approved_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    history = HistoricalRecords()

    class Meta:
        ordering = ["job", "created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=ChangeOrderStatus.APPROVED) | Q(approved_on__isnull=False),
                name="change_order_approved_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.description} (${self.amount})"


class Invoice(TimeStampedModel):
    """An invoice or a credit note. A draft is edited freely; posting gives it its number and freezes it.

    Amounts are kept positive for both kinds; a credit note takes its total off the customer's balance.
    `subtotal`, `tax` and `total` are the lines' sums, written by the services whenever a line changes.
    """

    kind = models.CharField(max_length=20, choices=InvoiceKind.choices, default=InvoiceKind.INVOICE)
    status = models.CharField(max_length=10, choices=InvoiceStatus.choices, default=InvoiceStatus.DRAFT)
    job = models.ForeignKey(Job, on_delete=models.PROTECT, related_name="invoices")
    customer = models.ForeignKey(Customer, on_delete=models.PROTECT, related_name="invoices")
    credited_invoice = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="credit_notes"
    )

    # Given at posting: "INV-2026-00042", from `year` and `sequence`.
    number = models.CharField(max_length=20, blank=True, editable=False)
    year = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    sequence = models.PositiveIntegerField(null=True, blank=True, editable=False)

    invoice_date = models.DateField(null=True, blank=True)
    due_date = models.DateField(null=True, blank=True)
    description = models.TextField("description of work", blank=True)
    primary_employee = models.ForeignKey(
        Employee, on_delete=models.PROTECT, null=True, blank=True, related_name="invoices_led"
    )
    tax_rate = models.DecimalField(
        max_digits=6,
        decimal_places=4,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("0.2"))],
        help_text="Sales tax on taxable lines, as a fraction (0.0775 for 7.75%).",
    )
    difference_explanation = models.TextField(
        blank=True, help_text="Why the total differs from the contract amount and its approved change orders."
    )
    reason = models.TextField(blank=True, help_text="A credit note's reason.")
    notes = models.TextField("note to the customer", blank=True)

    subtotal = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal("0.00"), editable=False)
    tax = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal("0.00"), editable=False)
    total = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal("0.00"), editable=False)

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    posted_at = models.DateTimeField(null=True, blank=True, editable=False)
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )

    # The PDF of a posted invoice, rendered once on the pdf queue (the row is its own outbox).
    pdf_status = models.CharField(max_length=10, choices=RenderStatus.choices, blank=True, editable=False)
    pdf = models.FileField(upload_to=invoice_pdf_storage_name, max_length=300, blank=True, editable=False)
    pdf_attempts = models.PositiveSmallIntegerField(default=0, editable=False)
    pdf_error = models.TextField(blank=True, editable=False)
    pdf_enqueued_at = models.DateTimeField(null=True, blank=True, editable=False)
    pdf_finished_at = models.DateTimeField(null=True, blank=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-invoice_date", "-id"]
        indexes = [
            models.Index(fields=["customer", "status"]),
            models.Index(fields=["status", "invoice_date"]),
            models.Index(fields=["job", "kind"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "year", "sequence"],
                condition=Q(status=InvoiceStatus.POSTED),
                name="invoice_number_gapless_unique",
            ),
            models.UniqueConstraint(fields=["number"], condition=~Q(number=""), name="invoice_number_unique"),
            models.CheckConstraint(
                condition=Q(status=InvoiceStatus.DRAFT)
                | (
                    ~Q(number="")
                    & Q(year__isnull=False, sequence__isnull=False, invoice_date__isnull=False)
                    & Q(posted_at__isnull=False)
                ),
                name="invoice_posted_has_number_and_date",
            ),
            models.CheckConstraint(
                condition=Q(kind=InvoiceKind.INVOICE, credited_invoice__isnull=True)
                | Q(kind=InvoiceKind.CREDIT_NOTE, credited_invoice__isnull=False),
                name="invoice_credit_note_credits_an_invoice",
            ),
            models.CheckConstraint(condition=Q(total__gte=0), name="invoice_total_not_negative"),
        ]
        permissions = [
            ("post_invoice", "Can post an invoice or a credit note"),
            ("send_invoice", "Can email or mail an invoice"),
            ("view_receivables", "Can see balances, aging and collections"),
            ("export_accounting", "Can export to the accounting system"),
        ]

    def __str__(self) -> str:
        label = self.number or f"Draft {self.get_kind_display().lower()} #{self.pk}"
        return f"{label} — {self.job.number}" if self.job_id else label

    def get_absolute_url(self) -> str:
        return reverse("billing:invoice_detail", args=[self.pk])

    @property
    def is_posted(self) -> bool:
        return self.status == InvoiceStatus.POSTED

    @property
    def is_credit_note(self) -> bool:
        return self.kind == InvoiceKind.CREDIT_NOTE


class InvoiceLine(models.Model):
    """One line: quantity × unit price, rounded to the cent (half up). Discounts and rebates are
    negative. Tax, when the line is taxable, is its amount × the invoice's rate, rounded the same way."""

    invoice = models.ForeignKey(Invoice, on_delete=models.CASCADE, related_name="lines")
    position = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(max_length=20, choices=LineKind.choices)
    description = models.CharField(max_length=300)
    quantity = models.DecimalField(max_digits=9, decimal_places=2, default=Decimal("1"))
    unit_price = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal("0.00"))
    taxable = models.BooleanField(default=False)
    amount = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal("0.00"), editable=False)
    tax = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal("0.00"), editable=False)

    # Labor: whose hours, at which rate.
    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    # Equipment: the unit installed, with what the customer keeps on paper (copied at drafting).
    installed_equipment = models.ForeignKey(
        InstalledEquipment, on_delete=models.PROTECT, null=True, blank=True, related_name="invoice_lines"
    )
    model_number = models.CharField("model", max_length=80, blank=True)
    serial_number = models.CharField("serial", max_length=80, blank=True)
    warranty_parts_years = models.PositiveSmallIntegerField(null=True, blank=True)
    warranty_labor_years = models.PositiveSmallIntegerField(null=True, blank=True)
    warranty_registration = models.CharField(max_length=120, blank=True)
    change_order = models.ForeignKey(ChangeOrder, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["invoice", "position", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gte=0), name="invoice_line_quantity_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.description} ({self.amount})"


class InvoiceDelivery(TimeStampedModel):
    """The invoice going to the customer: by email (a message in the log, with the PDF) or on paper."""

    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="deliveries")
    method = models.CharField(max_length=10, choices=DeliveryMethod.choices)
    status = models.CharField(max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.QUEUED)
    address = models.CharField(max_length=254, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    mailed_on = models.DateField(null=True, blank=True)
    mailed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    error = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-requested_at", "-id"]
        indexes = [models.Index(fields=["method", "status"])]

    def __str__(self) -> str:
        return f"{self.invoice} by {self.get_method_display().lower()} ({self.get_status_display().lower()})"
