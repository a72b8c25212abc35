"""What the payment pages show: the list, one payment, a customer's open invoices and credit, a job's
payments. Money is seen only on jobs the user may see (`jobs.selectors.job_list_visible_to`)."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from jobs.models import Customer, Job
from jobs.selectors import job_list_visible_to

from ..choices import InvoiceKind, InvoiceStatus, PaymentKind
from ..models import Invoice, Payment, PaymentApplication
from ..money import ZERO, cents
from .balances import customer_balance_expression, invoices_with_open_amounts, payment_unapplied_expression

PAGE_SIZE = 50


def _visible_customers(user) -> QuerySet:
    return Customer.objects.filter(Exists(job_list_visible_to(user).filter(customer=OuterRef("pk"))))


def payment_list(
    *, user, received_from: date | None = None, received_to: date | None = None, method: str = "", kind: str = ""
) -> QuerySet:
    """Payments and refunds newest first, with customer and credit left, in one query (page it)."""
    payments = Payment.objects.filter(customer__in=_visible_customers(user))
    if received_from:
        payments = payments.filter(received_on__gte=received_from)
    if received_to:
        payments = payments.filter(received_on__lte=received_to)
    if method:
        payments = payments.filter(method=method)
    if kind:
        payments = payments.filter(kind=kind)
    return (
        payments.select_related("customer")
        .annotate(credit=payment_unapplied_expression())
        .order_by("-received_on", "-id")
    )


def payment_get_for_detail(*, user, pk: int) -> Payment:
    """One payment with what it paid, its refunds and who recorded it (DoesNotExist when not visible)."""
    return (
        Payment.objects.filter(customer__in=_visible_customers(user))
        .select_related("customer", "recorded_by", "voided_by", "reconciled_by", "refund_of", "funding")
        .annotate(credit=payment_unapplied_expression())
        .prefetch_related(
            Prefetch(
                "applications",
                queryset=PaymentApplication.objects.select_related("invoice", "invoice__job", "applied_by"),
            ),
            Prefetch("refunds", queryset=Payment.objects.order_by("received_on", "id")),
        )
        .get(pk=pk)
    )


def customer_get_for_payment(*, user, pk: int) -> Customer:
    """The customer a payment is recorded for, with their balance (DoesNotExist when not visible)."""
    return _visible_customers(user).annotate(balance=customer_balance_expression()).get(pk=pk)


def customer_open_invoices(*, customer) -> list[Invoice]:
    """The customer's posted invoices with something open, oldest first (the order payments fill them)."""
    invoices = invoices_with_open_amounts(
        Invoice.objects.filter(customer=customer, kind=InvoiceKind.INVOICE, status=InvoiceStatus.POSTED)
    ).select_related("job")
    return list(invoices.filter(open_amount__gt=0).order_by("invoice_date", "pk"))


def customer_credits(*, customer) -> list[Any]:
    """The customer's payments still holding credit (not voided), oldest first."""
    payments = Payment.objects.filter(customer=customer, kind=PaymentKind.PAYMENT, voided_at__isnull=True)
    return list(
        payments.annotate(credit=payment_unapplied_expression()).filter(credit__gt=0).order_by("received_on", "id")
    )


def customer_search(*, user, text: str, limit: int = 20) -> list[Customer]:
    """Customers whose name, phone or email holds `text` (the record-a-payment page's first step)."""
    text = text.strip()
    if not text:
        return []
    matches = _visible_customers(user).filter(
        Q(name__icontains=text) | Q(phone__icontains=text) | Q(email__icontains=text)
    )
    return list(matches.annotate(balance=customer_balance_expression()).order_by("name", "pk")[:limit])


def payment_credit(payment: Payment) -> Decimal:
    """What is left of the payment to apply or refund."""
    return Payment.objects.filter(pk=payment.pk).annotate(credit=payment_unapplied_expression()).get().credit


def suggest_applications(*, amount: Decimal | None, open_invoices: list[Any]) -> dict[int, Decimal]:
    """Spread `amount` over the open invoices as listed, oldest first: what the form proposes."""
    left = cents(amount) if amount and amount > 0 else ZERO
    suggested = {}
    for invoice in open_invoices:
        share = min(left, invoice.open_amount)
        suggested[invoice.pk] = share
        left -= share
    return suggested


def closed_job_invoices_open(*, payment: Payment) -> list[Invoice]:
    """The invoices the payment had paid on jobs already closed that are open again (after a void)."""
    from jobs.choices import JobStatus

    invoices = Invoice.objects.filter(
        pk__in=payment.applications.values("invoice_id"), job__status=JobStatus.CLOSED
    ).select_related("job")
    return list(invoices_with_open_amounts(invoices).filter(open_amount__gt=0).order_by("pk"))


@dataclass
class JobPayments:
    """The job page's payments panel: its posted invoices with what is open, what paid them, the balance."""

    invoices: list[Invoice] = field(default_factory=list)
    applications: list[PaymentApplication] = field(default_factory=list)
    balance: Decimal = ZERO
    credit: Decimal = ZERO  # the customer's credit not yet applied, to offer


def job_payments(*, job: Job) -> JobPayments:
    invoices = list(
        invoices_with_open_amounts(
            Invoice.objects.filter(job=job, kind=InvoiceKind.INVOICE, status=InvoiceStatus.POSTED)
        ).order_by("invoice_date", "pk")
    )
    applications = list(
        PaymentApplication.objects.filter(invoice__job=job, payment__voided_at__isnull=True)
        .select_related("payment", "invoice")
        .order_by("applied_on", "id")
    )
    credit = sum((payment.credit for payment in customer_credits(customer=job.customer)), ZERO)
    balance = sum((invoice.open_amount for invoice in invoices), ZERO)
    return JobPayments(invoices=invoices, applications=applications, balance=balance, credit=credit)
