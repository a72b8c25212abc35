"""The collections list: customers with a past-due balance, their last contact and their latest promise."""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.core.paginator import Page, Paginator
from django.db.models import DecimalField, F, Func, Min, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce, TruncDate

from installops.clock import company_date, company_zone
from jobs.models import Customer

from ..choices import CollectionContact, PaymentKind
from ..models import CollectionNote, Invoice, Payment
from .balances import MONEY_FIELD, ZERO, past_due_invoices

NOTHING = Decimal("0.00")


class PromiseState:
    """How a promise to pay stands on a day."""

    PENDING = "pending"
    DUE_TODAY = "due_today"
    KEPT = "kept"
    BROKEN = "broken"


def promise_state(*, promised_on: date | None, promised_amount: Decimal | None, paid: Decimal, today: date) -> str:
    """A promise is kept when the payments received from the day it was made to the day promised reach
    the amount promised (or, with no amount, any payment at all); broken once that day has passed."""
    if promised_on is None:
        return ""
    kept = paid >= promised_amount if promised_amount is not None else paid > 0
    if kept:
        return PromiseState.KEPT
    if promised_on < today:
        return PromiseState.BROKEN
    return PromiseState.DUE_TODAY if promised_on == today else PromiseState.PENDING


@dataclass
class CollectionRow:
    customer_id: int
    name: str
    past_due: Decimal
    oldest_due_on: date
    days_past_due: int
    phone: str = ""
    last_contact_at: datetime | None = None
    last_contact: str = ""  # how: "Phone call"
    promised_on: date | None = None
    promised_amount: Decimal | None = None
    paid_since_promise: Decimal = NOTHING
    promise_state: str = ""


def _past_due_by_customer(today: date) -> list[CollectionRow]:
    """Every customer owing money past due, oldest past-due invoice first: one grouped query."""
    grouped = (
        past_due_invoices(Invoice.objects.all(), as_of=today)
        .order_by()
        .values("customer_id", "customer__name")
        .annotate(past_due=Sum("open_amount"), oldest_due_on=Min("due_on"))
        .order_by("oldest_due_on", "customer__name", "customer_id")
    )
    return [
        CollectionRow(
            customer_id=values["customer_id"],
            name=values["customer__name"],
            past_due=values["past_due"],
            oldest_due_on=values["oldest_due_on"],
            days_past_due=(today - values["oldest_due_on"]).days,
        )
        for values in grouped
    ]


def _contacts(customer_ids: list[int]):
    """The customers' phone, last contact and latest promise with what was paid towards it: one query."""
    notes = CollectionNote.objects.filter(customer=OuterRef("pk")).order_by("-created_at", "-id")
    promises = notes.filter(promised_on__isnull=False)
    paid = Payment.objects.filter(
        customer=OuterRef("pk"),
        kind=PaymentKind.PAYMENT,
        received_on__gte=OuterRef("promise_made_on"),
        received_on__lte=OuterRef("promised_on"),
    )
    paid_sum = Func(F("amount"), function="SUM", output_field=MONEY_FIELD)
    return (
        Customer.objects.filter(pk__in=customer_ids)
        .annotate(
            last_contact_at=Subquery(notes.values("created_at")[:1]),
            last_contact=Subquery(notes.values("contact")[:1]),
            promised_on=Subquery(promises.values("promised_on")[:1]),
            promised_amount=Subquery(promises.values("promised_amount")[:1], output_field=DecimalField()),
            promise_made_on=Subquery(
                promises.annotate(day=TruncDate("created_at", tzinfo=company_zone())).values("day")[:1]
            ),
        )
        .annotate(
            paid_since_promise=Coalesce(Subquery(paid.order_by().annotate(summed=paid_sum).values("summed")[:1]), ZERO)
        )
        .values(
            "pk", "phone", "last_contact_at", "last_contact", "promised_on", "promised_amount", "paid_since_promise"
        )
    )


def collection_page(*, today: date, page_number: int, per_page: int) -> Page:
    """One page of the collections list, in two queries whatever the number of customers or invoices."""
    page = Paginator(_past_due_by_customer(today), per_page).get_page(page_number)
    rows: list[CollectionRow] = list(page.object_list)
    contacts = {values["pk"]: values for values in _contacts([row.customer_id for row in rows])}
    for row in rows:
        values = contacts[row.customer_id]
        row.phone = values["phone"]
        row.last_contact_at = values["last_contact_at"]
        row.last_contact = CollectionContact(values["last_contact"]).label if values["last_contact"] else ""
        row.promised_on = values["promised_on"]
        row.promised_amount = values["promised_amount"]
        row.paid_since_promise = values["paid_since_promise"]
        row.promise_state = promise_state(
            promised_on=row.promised_on, promised_amount=row.promised_amount, paid=row.paid_since_promise, today=today
        )
    return page


@dataclass
class NoteWithPromise:
    note: CollectionNote
    state: str
    paid: Decimal


def collection_notes_for(*, customer: Customer, payments: list[Payment], today: date) -> list[NoteWithPromise]:
    """The customer's collection log, newest first, each promise with its state (from the payments loaded)."""
    rows = []
    for note in CollectionNote.objects.filter(customer=customer).select_related("created_by"):
        paid = NOTHING
        if note.promised_on is not None:
            made_on = company_date(note.created_at)
            paid = sum(
                (
                    payment.amount
                    for payment in payments
                    if payment.kind == PaymentKind.PAYMENT and made_on <= payment.received_on <= note.promised_on
                ),
                NOTHING,
            )
        state = promise_state(
            promised_on=note.promised_on, promised_amount=note.promised_amount, paid=paid, today=today
        )
        rows.append(NoteWithPromise(note, state, paid))
    return rows
