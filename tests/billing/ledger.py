"""Posted documents and payments for tests, written directly (test setup only: the app posts through
its services). Numbers come from a counter per kind and year, so they are unique and gapless."""

from datetime import date, datetime, time
from decimal import Decimal
from itertools import count

from django.utils import timezone

from billing.choices import InvoiceKind, InvoiceStatus, PaymentKind, PaymentMethod
from billing.models import Invoice, Payment, PaymentApplication
from tests.jobs.factories import JobFactory, UserFactory

from .factories import InvoiceFactory, PaymentFactory

_SEQUENCES: dict[tuple[str, int], "count[int]"] = {}
PREFIX = {InvoiceKind.INVOICE: "INV", InvoiceKind.CREDIT_NOTE: "CN"}


def _next(kind: str, year: int) -> int:
    return next(_SEQUENCES.setdefault((kind, year), count(Invoice.objects.filter(kind=kind, year=year).count() + 1)))


def posted_fields(kind: str, on: date, total: Decimal) -> dict:
    sequence = _next(kind, on.year)
    return {
        "kind": kind,
        "status": InvoiceStatus.POSTED,
        "number": f"{PREFIX[kind]}-{on.year}-{sequence:05d}",
        "year": on.year,
        "sequence": sequence,
        "invoice_date": on,
        "subtotal": Decimal(total),
        "total": Decimal(total),
        "posted_at": timezone.make_aware(datetime.combine(on, time(12))),
    }


def posted_invoice(*, customer=None, job=None, on: date, total, due: date | None = None, **extra) -> Invoice:
    job = job or (JobFactory(customer=customer) if customer else JobFactory())
    fields = {**posted_fields(InvoiceKind.INVOICE, on, Decimal(total)), **extra}
    return InvoiceFactory(job=job, customer=job.customer, due_date=due, **fields)


def posted_credit_note(*, invoice: Invoice, on: date, total, reason: str = "Price adjusted") -> Invoice:
    return InvoiceFactory(
        job=invoice.job,
        customer=invoice.customer,
        credited_invoice=invoice,
        reason=reason,
        **posted_fields(InvoiceKind.CREDIT_NOTE, on, Decimal(total)),
    )


def payment(*, customer, on: date, amount, kind: str = PaymentKind.PAYMENT, method=PaymentMethod.CHECK) -> Payment:
    # A refund gives back part of an earlier payment: the customer's latest.
    refund_of = (
        Payment.objects.filter(customer=customer, kind=PaymentKind.PAYMENT).order_by("-id").first()
        if kind == PaymentKind.REFUND
        else None
    )
    return PaymentFactory(
        customer=customer, received_on=on, amount=Decimal(amount), kind=kind, method=method, refund_of=refund_of
    )


def apply(payment: Payment, invoice: Invoice, amount, *, on: date | None = None) -> PaymentApplication:
    return PaymentApplication.objects.create(
        payment=payment,
        invoice=invoice,
        amount=Decimal(amount),
        applied_on=on or payment.received_on,
        applied_by=payment.recorded_by or UserFactory(),
    )
