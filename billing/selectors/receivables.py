"""A customer's account (documents, payments, the running ledger) and the AR aging report.

Every amount owed comes from `balances`; this module only chooses rows and adds them up by date.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.urls import NoReverseMatch

from jobs.models import Customer
from jobs.selectors import job_list_visible_to

from ..choices import AgingBucket, InvoiceKind, InvoiceStatus, PaymentKind
from ..models import Invoice, Payment
from .balances import (
    ZERO,
    customer_balance_expression,
    customer_credit_expression,
    invoices_with_open_amounts,
    payment_unapplied_expression,
)

NOTHING = Decimal("0.00")

# (bucket, first day past due, last day past due); None is open-ended. Days past due count company days:
# an invoice due on the 1st is 1 day past due from the 2nd at midnight in the company's zone.
AGING_BUCKETS: list[tuple[AgingBucket, int | None, int | None]] = [
    (AgingBucket.CURRENT, None, 0),
    (AgingBucket.DAYS_1_30, 1, 30),
    (AgingBucket.DAYS_31_60, 31, 60),
    (AgingBucket.DAYS_61_90, 61, 90),
    (AgingBucket.OVER_90, 91, None),
]


def customer_list_with_receivables_visible_to(user) -> QuerySet[Customer]:
    """The customers whose money this user may see: the office's every customer, else those of their jobs."""
    if not user.has_perm("billing.view_receivables"):
        return Customer.objects.none()
    if user.has_perm("jobs.view_all_jobs"):
        return Customer.objects.all()
    return Customer.objects.filter(pk__in=job_list_visible_to(user).values("customer_id"))


def customer_get_for_account(*, user, pk: int) -> Customer:
    """One customer with their balance and credit held; Customer.DoesNotExist when the user may not see them."""
    return (
        customer_list_with_receivables_visible_to(user)
        .annotate(balance=customer_balance_expression(), credit=customer_credit_expression())
        .get(pk=pk)
    )


# ---------------------------------------------------------------- the ledger


@dataclass
class LedgerEntry:
    """One line of a customer's ledger: a debit raises what they owe, a credit lowers it."""

    on: date
    kind: str  # invoice, credit_note, payment, refund
    label: str
    number: str
    detail: str
    debit: Decimal
    credit: Decimal
    balance: Decimal = NOTHING
    url: str = ""


# Within a day: what was billed first, then what took it off.
_KIND_ORDER = {"invoice": 0, "refund": 1, "credit_note": 2, "payment": 3}


def _posted_documents(customer: Customer) -> QuerySet[Invoice]:
    return invoices_with_open_amounts(
        Invoice.objects.filter(customer=customer, status=InvoiceStatus.POSTED).select_related("job", "credited_invoice")
    ).order_by("invoice_date", "kind", "sequence", "pk")


def _payments(customer: Customer) -> QuerySet[Payment]:
    return (
        Payment.objects.filter(customer=customer)
        .annotate(unapplied=payment_unapplied_expression())
        .order_by("received_on", "pk")
    )


def _document_url(document: Invoice) -> str:
    # The invoice pages belong to invoicing; a ledger without them still reads.
    try:
        return document.get_absolute_url()
    except NoReverseMatch:
        return ""


def _entries(documents, payments) -> list[LedgerEntry]:
    entries = []
    for document in documents:
        if document.kind == InvoiceKind.INVOICE:
            entries.append(
                LedgerEntry(
                    document.invoice_date, "invoice", "Invoice", document.number, f"Job {document.job.number}",
                    document.total, NOTHING, url=_document_url(document),
                )
            )  # fmt: skip
        else:
            credited = document.credited_invoice.number if document.credited_invoice else ""
            entries.append(
                LedgerEntry(
                    document.invoice_date, "credit_note", "Credit note", document.number, f"On {credited}",
                    NOTHING, document.total, url=_document_url(document),
                )
            )  # fmt: skip
    for payment in payments:
        detail = payment.get_method_display() + (f" {payment.reference}" if payment.reference else "")
        if payment.kind == PaymentKind.REFUND:
            entries.append(LedgerEntry(payment.received_on, "refund", "Refund", "", detail, payment.amount, NOTHING))
        else:
            entries.append(LedgerEntry(payment.received_on, "payment", "Payment", "", detail, NOTHING, payment.amount))
    entries.sort(key=lambda entry: (entry.on, _KIND_ORDER[entry.kind]))
    balance = NOTHING
    for entry in entries:
        balance += entry.debit - entry.credit
        entry.balance = balance
    return entries


@dataclass
class CustomerAccount:
    customer: Customer
    balance: Decimal
    credit: Decimal
    invoices: list[Invoice]
    credit_notes: list[Invoice]
    payments: list[Payment]
    ledger: list[LedgerEntry]
    open_total: Decimal = NOTHING


def customer_account(*, customer: Customer) -> CustomerAccount:
    """Everything the account page shows, in three queries (the customer was loaded with its balance)."""
    documents = list(_posted_documents(customer))
    payments = list(_payments(customer))
    invoices = [document for document in documents if document.kind == InvoiceKind.INVOICE]
    return CustomerAccount(
        customer=customer,
        balance=customer.balance,  # type: ignore[attr-defined]
        credit=customer.credit,  # type: ignore[attr-defined]
        invoices=invoices,
        credit_notes=[document for document in documents if document.kind == InvoiceKind.CREDIT_NOTE],
        payments=payments,
        ledger=_entries(documents, payments),
        open_total=sum((invoice.open_amount for invoice in invoices), NOTHING),  # type: ignore[attr-defined]
    )


@dataclass
class Statement:
    customer: Customer
    start: date
    end: date
    opening_balance: Decimal
    entries: list[LedgerEntry]
    closing_balance: Decimal
    aging: dict[str, Decimal] = field(default_factory=dict)
    credit: Decimal = NOTHING

    @property
    def amount_due(self) -> Decimal:
        return max(self.closing_balance, NOTHING)

    @property
    def owed_to_customer(self) -> Decimal:
        return max(-self.closing_balance, NOTHING)


def customer_statement(*, customer: Customer, start: date, end: date) -> Statement:
    """The ledger from `start` to `end`, the balance brought forward, and the aging as of `end`."""
    documents = _posted_documents(customer).filter(invoice_date__lte=end)
    payments = _payments(customer).filter(received_on__lte=end)
    entries = _entries(documents, payments)
    before = [entry for entry in entries if entry.on < start]
    within = [entry for entry in entries if entry.on >= start]
    opening = before[-1].balance if before else NOTHING
    closing = within[-1].balance if within else opening
    row = aging_rows(as_of=end, customer=customer)
    aging = row[0].buckets if row else {bucket.value: NOTHING for bucket, _, _ in AGING_BUCKETS}
    return Statement(
        customer=customer,
        start=start,
        end=end,
        opening_balance=opening,
        entries=within,
        closing_balance=closing,
        aging=aging,
        credit=row[0].credit if row else NOTHING,
    )


# ---------------------------------------------------------------- aging


@dataclass
class AgingRow:
    customer_id: int
    customer_name: str
    buckets: dict[str, Decimal]
    credit: Decimal = NOTHING

    @property
    def total(self) -> Decimal:
        return sum(self.buckets.values(), NOTHING)

    @property
    def net(self) -> Decimal:
        return self.total - self.credit


def _bucket_q(as_of: date, first: int | None, last: int | None) -> Q:
    """Invoices `first`..`last` days past due on `as_of`: due on or before as_of − first, after as_of − last − 1."""
    condition = Q()
    if first is not None:
        condition &= Q(due_on__lte=as_of - timedelta(days=first))
    if last is not None:
        condition &= Q(due_on__gte=as_of - timedelta(days=last))
    return condition


def _aging_query(as_of: date, customer: Customer | None) -> QuerySet:
    invoices = Invoice.objects.filter(kind=InvoiceKind.INVOICE, status=InvoiceStatus.POSTED, invoice_date__lte=as_of)
    if customer is not None:
        invoices = invoices.filter(customer=customer)
    invoices = (
        invoices_with_open_amounts(invoices, as_of=as_of)
        .annotate(due_on=Coalesce("due_date", "invoice_date"))
        .exclude(open_amount=0)
    )
    sums = {
        bucket.value: Coalesce(Sum("open_amount", filter=_bucket_q(as_of, first, last)), ZERO)
        for bucket, first, last in AGING_BUCKETS
    }
    return invoices.order_by().values("customer_id", "customer__name").annotate(**sums)


def _credits_query(as_of: date, customer: Customer | None) -> QuerySet:
    customers = Customer.objects.all() if customer is None else Customer.objects.filter(pk=customer.pk)
    return (
        customers.annotate(credit=customer_credit_expression(as_of=as_of))
        .filter(credit__gt=0)
        .values_list("pk", "name", "credit")
    )


def aging_rows(*, as_of: date, customer: Customer | None = None) -> list[AgingRow]:
    """Per customer, the open amounts of posted invoices by days past due on `as_of`, with credit held.

    Two queries whatever the number of invoices: the buckets (one grouped query) and the credits.
    """
    rows: dict[int, AgingRow] = {}
    for values in _aging_query(as_of, customer):
        buckets = {bucket.value: values[bucket.value] for bucket, _, _ in AGING_BUCKETS}
        rows[values["customer_id"]] = AgingRow(values["customer_id"], values["customer__name"], buckets)
    for pk, name, credit in _credits_query(as_of, customer):
        if pk not in rows:
            rows[pk] = AgingRow(pk, name, {bucket.value: NOTHING for bucket, _, _ in AGING_BUCKETS})
        rows[pk].credit = credit
    return sorted(rows.values(), key=lambda row: (row.customer_name.lower(), row.customer_id))


def aging_totals(rows: list[AgingRow]) -> AgingRow:
    buckets = {
        bucket.value: sum((row.buckets[bucket.value] for row in rows), NOTHING) for bucket, _, _ in AGING_BUCKETS
    }
    return AgingRow(0, "Total", buckets, credit=sum((row.credit for row in rows), NOTHING))
