"""What is owed, as SQL expressions, so a list of any length is one query.

A customer's balance is what they were invoiced less what was credited and paid, plus what was
refunded to them: Σ posted invoices − Σ posted credit notes − Σ payments + Σ refunds. A posted invoice's
open amount is its total less the payments applied to it and the credit notes posted against it.
A payment not (or not wholly) applied, nor refunded, is the customer's credit. A voided payment (entered
by mistake) counts nowhere: not in the balance, not in what it paid, not as credit.

`as_of` (a day) counts only what had happened by the end of that day: payments applied, credit notes
dated and payments received on or before it, for aging and statements as they stood then.
"""

from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import DecimalField, F, Func, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from ..choices import InvoiceKind, InvoiceStatus, PaymentKind
from ..models import Invoice, Payment, PaymentApplication

MONEY_FIELD: DecimalField = DecimalField(max_digits=14, decimal_places=2)
ZERO = Value(Decimal("0.00"), output_field=MONEY_FIELD)


def _sum(queryset: QuerySet, field: str) -> Coalesce:
    """Σ `field` over `queryset` (already filtered on OuterRef) as a scalar subquery, 0 when empty.

    SUM as a plain function, not an aggregate: the subquery returns one row without a GROUP BY.
    """
    total = Func(F(field), function="SUM", output_field=MONEY_FIELD)
    return Coalesce(Subquery(queryset.order_by().annotate(summed=total).values("summed")[:1]), ZERO)


def invoice_paid_expression(invoice_ref: str = "pk", *, as_of: date | None = None) -> Coalesce:
    applications = PaymentApplication.objects.filter(invoice=OuterRef(invoice_ref), payment__voided_at__isnull=True)
    if as_of is not None:
        applications = applications.filter(applied_on__lte=as_of)
    return _sum(applications, "amount")


def invoice_credited_expression(invoice_ref: str = "pk", *, as_of: date | None = None) -> Coalesce:
    credit_notes = Invoice.objects.filter(
        credited_invoice=OuterRef(invoice_ref), kind=InvoiceKind.CREDIT_NOTE, status=InvoiceStatus.POSTED
    )
    if as_of is not None:
        credit_notes = credit_notes.filter(invoice_date__lte=as_of)
    return _sum(credit_notes, "total")


def invoices_with_open_amounts(invoices: QuerySet, *, as_of: date | None = None) -> QuerySet:
    """`paid`, `credited` and `open_amount` on each invoice, in the list's one query."""
    return invoices.annotate(
        paid=invoice_paid_expression(as_of=as_of), credited=invoice_credited_expression(as_of=as_of)
    ).annotate(open_amount=F("total") - F("paid") - F("credited"))


def customer_balance_expression(customer_ref: str = "pk") -> Any:
    """The customer's balance (negative when they are owed money) as one expression."""
    posted = Invoice.objects.filter(customer=OuterRef(customer_ref), status=InvoiceStatus.POSTED)
    payments = Payment.objects.filter(customer=OuterRef(customer_ref), voided_at__isnull=True)
    return (
        _sum(posted.filter(kind=InvoiceKind.INVOICE), "total")
        - _sum(posted.filter(kind=InvoiceKind.CREDIT_NOTE), "total")
        - _sum(payments.filter(kind=PaymentKind.PAYMENT), "amount")
        + _sum(payments.filter(kind=PaymentKind.REFUND), "amount")
    )


def payment_unapplied_expression(payment_ref: str = "pk") -> Any:
    """A payment's credit: its amount less what it paid and what was refunded from it (annotate payments)."""
    return (
        F("amount")
        - _sum(PaymentApplication.objects.filter(payment=OuterRef(payment_ref)), "amount")
        - _sum(Payment.objects.filter(refund_of=OuterRef(payment_ref), voided_at__isnull=True), "amount")
    )


def customer_credit_expression(customer_ref: str = "pk", *, as_of: date | None = None) -> Any:
    """What the customer has paid and not had applied to an invoice, less what was refunded to them."""
    payments = Payment.objects.filter(customer=OuterRef(customer_ref), voided_at__isnull=True)
    applications = PaymentApplication.objects.filter(
        payment__customer=OuterRef(customer_ref), payment__voided_at__isnull=True
    )
    if as_of is not None:
        payments = payments.filter(received_on__lte=as_of)
        applications = applications.filter(applied_on__lte=as_of)
    return (
        _sum(payments.filter(kind=PaymentKind.PAYMENT), "amount")
        - _sum(applications, "amount")
        - _sum(payments.filter(kind=PaymentKind.REFUND), "amount")
    )


def past_due_invoices(invoices: QuerySet, *, as_of: date) -> QuerySet:
    """Of `invoices`, the posted ones still open and past due on `as_of` (due_date, else the invoice
    date), each with `due_on` and `open_amount`."""
    return (
        invoices_with_open_amounts(invoices.filter(kind=InvoiceKind.INVOICE, status=InvoiceStatus.POSTED), as_of=as_of)
        .annotate(due_on=Coalesce("due_date", "invoice_date"))
        .filter(due_on__lt=as_of, open_amount__gt=0)
    )


def customer_balance(customer) -> Decimal:
    from jobs.models import Customer

    return Customer.objects.filter(pk=customer.pk).annotate(balance=customer_balance_expression()).get().balance


def job_balance(job) -> Decimal:
    """What is still owed on the job's posted invoices (their open amounts), less nothing else."""
    invoices = invoices_with_open_amounts(
        Invoice.objects.filter(job=job, kind=InvoiceKind.INVOICE, status=InvoiceStatus.POSTED)
    )
    return invoices.aggregate(owed=Coalesce(Sum("open_amount"), ZERO))["owed"]
