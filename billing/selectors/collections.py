"""The collections list: customers with a past-due balance, their last contact and their latest promise."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import DecimalField, F, Func, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce, TruncDate

from installops.clock import company_date, company_zone
from jobs.models import Customer

from ..choices import PaymentKind
from ..models import CollectionNote, Payment
from .balances import MONEY_FIELD, ZERO, customer_past_due_expression, customer_past_due_invoices


class PromiseState:
    """How a promise to pay stands on a day; the words the pages show."""

    PENDING = "pending"
    DUE_TODAY = "due_today"
    KEPT = "kept"
    BROKEN = "broken"

    LABELS = {PENDING: "Promised", DUE_TODAY: "Due today", KEPT: "Kept", BROKEN: "Broken"}


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


def collection_list(*, today: date) -> QuerySet[Customer]:
    """Customers owing money past due on `today`, oldest past-due invoice first, in one query.

    Each has `past_due`, `oldest_due_on`, `last_contact_at`, `last_contact`, and their latest promise:
    `promised_on`, `promised_amount`, `promise_made_on`, `paid_since_promise`.
    """
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
        Customer.objects.annotate(past_due=customer_past_due_expression(as_of=today))
        .filter(past_due__gt=0)
        .annotate(
            oldest_due_on=Subquery(customer_past_due_invoices(as_of=today).order_by("due_on").values("due_on")[:1]),
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
        .order_by("oldest_due_on", "name", "pk")
    )


@dataclass
class NoteWithPromise:
    note: CollectionNote
    state: str
    paid: Decimal


def collection_notes_for(*, customer: Customer, payments: list[Payment], today: date) -> list[NoteWithPromise]:
    """The customer's collection log, newest first, each promise with its state (from the payments loaded)."""
    rows = []
    for note in CollectionNote.objects.filter(customer=customer).select_related("created_by"):
        paid = Decimal("0.00")
        if note.promised_on is not None:
            made_on = company_date(note.created_at)
            paid = sum(
                (
                    payment.amount
                    for payment in payments
                    if payment.kind == PaymentKind.PAYMENT and made_on <= payment.received_on <= note.promised_on
                ),
                Decimal("0.00"),
            )
        state = promise_state(
            promised_on=note.promised_on, promised_amount=note.promised_amount, paid=paid, today=today
        )
        rows.append(NoteWithPromise(note, state, paid))
    return rows
