"""The demo company's receivables: posted invoices in every aging bucket, part and full payments, a credit
note, a customer holding credit and one refunded, and collection notes with promises pending, due today,
kept and broken.

Invoices are posted and payments recorded by `post_invoice_for_demo` and `record_payment_for_demo`
below, which write the rows directly (numbers from the same NumberSequence rows the posting takes them
from); they stand in for the posting and payment services and are the only functions to switch to them.
Collection notes go through `billing.services.collection_note_add`, then are dated back to when they
were "made" (a promise is always made for today or later).
"""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from billing.choices import (
    CollectionContact,
    InvoiceKind,
    InvoiceStatus,
    LineKind,
    PaymentKind,
    PaymentMethod,
)
from billing.models import CollectionNote, Invoice, InvoiceLine, NumberSequence, Payment, PaymentApplication
from billing.services import collection_note_add
from installops.clock import at_company_time
from jobs.choices import JobStatus
from jobs.models import Job

NUMBER_PREFIX = {InvoiceKind.INVOICE: "INV", InvoiceKind.CREDIT_NOTE: "CN"}
BILLED_STATUSES = [JobStatus.INSTALLED, JobStatus.INSPECTED, JobStatus.INVOICED, JobStatus.CLOSED]

# One customer each: (days ago invoiced, days until due (None: on receipt), what happens next).
SCENARIOS = [
    (0, 30, "unpaid"),  # current
    (20, 15, "part_paid"),  # 1–30 days past due
    (50, 15, "broken_promise"),  # 31–60
    (80, 15, "kept_promise"),  # 61–90
    (130, 15, "voicemail"),  # over 90
    (40, 15, "promise_due_today"),  # 1–30, promised for today
    (45, None, "pending_promise"),  # 31–60, promised for next week
    (60, 15, "paid"),  # nothing open
    (70, 15, "credit_note"),  # partly credited, 31–60
    (25, None, "overpaid"),  # paid in full plus credit held
    (35, 15, "refunded"),  # overpaid, the extra refunded
]


def post_invoice_for_demo(*, job: Job, kind: str, on: date, due: date | None, total: Decimal, by,
                          credited: Invoice | None = None, reason: str = "") -> Invoice:  # fmt: skip
    """A posted invoice (or credit note) of one line, numbered from its year's sequence."""
    with transaction.atomic():
        sequence, _ = NumberSequence.objects.select_for_update().get_or_create(kind=kind, year=on.year)
        sequence.last_number += 1
        sequence.save(update_fields=["last_number"])
        invoice = Invoice.objects.create(
            kind=kind, status=InvoiceStatus.POSTED, job=job, customer=job.customer, credited_invoice=credited,
            number=f"{NUMBER_PREFIX[kind]}-{on.year}-{sequence.last_number:05d}", year=on.year,
            sequence=sequence.last_number, invoice_date=on, due_date=due, reason=reason,
            description=job.description, subtotal=total, total=total, created_by=by, posted_by=by,
            posted_at=at_company_time(on, "16:00"),
        )  # fmt: skip
        InvoiceLine.objects.create(invoice=invoice, kind=LineKind.OTHER, unit_price=total, amount=total,
                                   description=reason or "Installation as contracted")  # fmt: skip
    return invoice


def record_payment_for_demo(*, customer, on: date, amount: Decimal, by, applies_to: Invoice | None = None,
                            kind: str = PaymentKind.PAYMENT, method: str = PaymentMethod.CHECK,
                            refund_of: Payment | None = None) -> Payment:  # fmt: skip
    """A payment (applied to `applies_to` up to its amount) or a refund of part of `refund_of`."""
    payment = Payment.objects.create(customer=customer, kind=kind, method=method, received_on=on, amount=amount,
                                     reference=f"{4100 + customer.pk}", recorded_by=by,
                                     refund_of=refund_of)  # fmt: skip
    if applies_to is not None:
        PaymentApplication.objects.create(payment=payment, invoice=applies_to, amount=min(amount, applies_to.total),
                                          applied_on=on, applied_by=by)  # fmt: skip
    return payment


def _note(customer, *, today: date, made: date, contact: str, text: str, by, promised_on: date | None = None,
          amount: Decimal | None = None) -> CollectionNote:  # fmt: skip
    # The service takes a promise for today or later; the day promised is set back below.
    note = collection_note_add(customer=customer, contact=contact, note=text, by=by, promised_amount=amount,
                               promised_on=max(promised_on, today) if promised_on else None)  # fmt: skip
    # Dated back to the day of the call, with the day promised then.
    CollectionNote.objects.filter(pk=note.pk).update(
        created_at=timezone.make_aware(datetime.combine(made, time(10, 15))), promised_on=promised_on
    )
    return note


def seed_receivables(*, by, today: date) -> int:
    """Receivables for the first billed jobs without an invoice, once (nothing when notes exist already)."""
    if CollectionNote.objects.exists():
        return 0
    jobs = list(
        Job.objects.filter(status__in=BILLED_STATUSES, contract_amount__gt=0, invoices__isnull=True)
        .select_related("customer")
        .order_by("pk")[: len(SCENARIOS)]
    )
    for job, (days_ago, terms, what) in zip(jobs, SCENARIOS, strict=False):
        on = today - timedelta(days=days_ago)
        total = job.contract_amount
        customer = job.customer
        invoice = post_invoice_for_demo(job=job, kind=InvoiceKind.INVOICE, on=on, total=total, by=by,
                                        due=on + timedelta(days=terms) if terms is not None else None)  # fmt: skip
        with transaction.atomic():
            _follow_up(what, invoice=invoice, customer=customer, today=today, by=by)
    return len(jobs)


def _follow_up(what: str, *, invoice: Invoice, customer, today: date, by) -> None:
    total = invoice.total
    half = (total / 2).quantize(Decimal("0.01"))
    days = timedelta
    if what == "part_paid":
        record_payment_for_demo(customer=customer, on=today - days(8), amount=half, by=by, applies_to=invoice)
    elif what == "broken_promise":
        _note(customer, today=today, made=today - days(20), contact=CollectionContact.CALL, by=by, amount=half,
              promised_on=today - days(10), text="Said they would pay half by the 10th.")  # fmt: skip
        _note(customer, today=today, made=today - days(3), contact=CollectionContact.VOICEMAIL, by=by,
              text="No payment came; left a message about the missed promise.")  # fmt: skip
    elif what == "kept_promise":
        _note(customer, today=today, made=today - days(15), contact=CollectionContact.CALL, by=by, amount=half,
              promised_on=today - days(5), text="Agreed to pay half now, the rest next month.")  # fmt: skip
        record_payment_for_demo(customer=customer, on=today - days(7), amount=half, by=by, applies_to=invoice,
                                method=PaymentMethod.ACH)  # fmt: skip
    elif what == "voicemail":
        _note(customer, today=today, made=today - days(30), contact=CollectionContact.LETTER, by=by,
              text="Sent the 90-day letter with a statement.")  # fmt: skip
        _note(customer, today=today, made=today - days(6), contact=CollectionContact.VOICEMAIL, by=by,
              text="Left a voicemail; no answer yet.")  # fmt: skip
    elif what == "promise_due_today":
        _note(customer, today=today, made=today - days(4), contact=CollectionContact.CALL, by=by, amount=total,
              promised_on=today, text="Will pay in full by card today.")  # fmt: skip
    elif what == "pending_promise":
        _note(customer, today=today, made=today - days(1), contact=CollectionContact.EMAIL, by=by, amount=total,
              promised_on=today + days(7), text="Waiting on their rebate check; promised next week.")  # fmt: skip
    elif what == "paid":
        record_payment_for_demo(customer=customer, on=invoice.invoice_date + days(12), amount=total, by=by,
                                applies_to=invoice, method=PaymentMethod.CARD)  # fmt: skip
    elif what == "credit_note":
        post_invoice_for_demo(job=invoice.job, kind=InvoiceKind.CREDIT_NOTE, on=today - days(30), due=None,
                              total=(total / 10).quantize(Decimal("0.01")), by=by, credited=invoice,
                              reason="Thermostat not installed at the customer's request")  # fmt: skip
    elif what in ("overpaid", "refunded"):
        extra = Decimal("150.00")
        overpayment = record_payment_for_demo(customer=customer, on=invoice.invoice_date + days(3),
                                              amount=total + extra, by=by, applies_to=invoice)  # fmt: skip
        if what == "refunded":
            record_payment_for_demo(customer=customer, on=today - days(4), amount=extra, by=by,
                                    kind=PaymentKind.REFUND, refund_of=overpayment)  # fmt: skip
