"""Posting an invoice or a credit note: its number, frozen for good, and the job moved to Invoiced.

Numbers are gapless per kind and year of the invoice date ("INV-2026-00042", "CN-2026-0007"): the
posting locks the year's NumberSequence row and counts on in the same transaction as everything else
it does, so a posting that fails anywhere gives its number back, and two postings at once take turns.
"""

from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone

from installops.errors import DomainError, full_clean_or_refuse
from installops.history import history_note
from jobs.choices import JobStatus
from jobs.services.lifecycle import job_follow_facts

from ..choices import InvoiceKind, InvoiceStatus, RenderStatus
from ..models import Invoice, InvoiceLine, NumberSequence
from ..selectors.invoice_checks import creditable_amount, invoice_posting_problems
from .invoices import invoice_save_recomputed

NUMBER_FORMAT = {InvoiceKind.INVOICE: ("INV", 5), InvoiceKind.CREDIT_NOTE: ("CN", 4)}


def invoice_number(kind: str, year: int, sequence: int) -> str:
    prefix, digits = NUMBER_FORMAT[InvoiceKind(kind)]
    return f"{prefix}-{year}-{sequence:0{digits}d}"


def _next_sequence(kind: str, year: int) -> int:
    """The next number of `kind` in `year`, holding the sequence row's lock until the caller commits."""
    sequence = NumberSequence.objects.select_for_update().filter(kind=kind, year=year).first()
    if sequence is None:
        try:
            # A savepoint: a rival creating the same row first leaves our transaction usable.
            with transaction.atomic():
                NumberSequence.objects.create(kind=kind, year=year, last_number=0)
        except IntegrityError:
            pass
        sequence = NumberSequence.objects.select_for_update().get(kind=kind, year=year)
    sequence.last_number += 1
    sequence.save(update_fields=["last_number"])
    return sequence.last_number


def invoice_post(*, invoice: Invoice, by) -> Invoice:
    """Post a draft invoice or credit note: checks, number, posted for good, the job to Invoiced, the
    PDF queued once it commits. Refuses with every problem still open."""
    from .invoice_pdfs import invoice_pdfs_enqueue

    with transaction.atomic():
        invoice = (
            Invoice.objects.select_for_update(of=("self",)).select_related("job", "credited_invoice").get(pk=invoice.pk)
        )
        if invoice.status != InvoiceStatus.DRAFT:
            raise DomainError(f"{invoice.number} is already posted.")
        if invoice.credited_invoice_id is not None:
            # The credited invoice's row is the lock: two credit notes of one invoice post in turn.
            Invoice.objects.select_for_update().filter(pk=invoice.credited_invoice_id).get()
        problems = invoice_posting_problems(invoice)
        if problems:
            raise DomainError("Not posted yet: " + " ".join(problem.message for problem in problems))
        invoice_date = invoice.invoice_date
        if invoice_date is None:  # a problem above already
            raise DomainError("Enter the invoice date.", field="invoice_date")
        year = invoice_date.year
        invoice.sequence = _next_sequence(invoice.kind, year)
        invoice.year = year
        invoice.number = invoice_number(invoice.kind, year, invoice.sequence)
        invoice.status = InvoiceStatus.POSTED
        invoice.posted_at = timezone.now()
        invoice.posted_by = by
        invoice.pdf_status = RenderStatus.QUEUED
        invoice.pdf_attempts = 0
        invoice.pdf_error = ""
        invoice.pdf_enqueued_at = None
        full_clean_or_refuse(invoice, exclude=["job", "customer", "credited_invoice", "created_by", "primary_employee"])
        history_note(invoice, by=by, reason=f"Posted as {invoice.number}")
        invoice.save()
        if not invoice.is_credit_note:
            job_follow_facts(
                job=invoice.job, to_status=JobStatus.INVOICED, by=by, note=f"Invoice {invoice.number} posted"
            )
        invoice_id = invoice.pk
        transaction.on_commit(lambda: invoice_pdfs_enqueue(invoice_ids=[invoice_id]))
    return invoice


def credit_note_draft(*, invoice: Invoice, by, reason: str, lines: dict[int, Decimal] | None = None) -> Invoice:
    """Draft a credit note of a posted invoice, its lines copied: all of them, or `lines` {line id:
    quantity to credit} for a partial credit. It cannot credit more than the invoice has left."""
    if not reason.strip():
        raise DomainError("Say why the invoice is credited.", field="reason")
    from installops.clock import company_today

    with transaction.atomic():
        invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
        if invoice.kind != InvoiceKind.INVOICE or invoice.status != InvoiceStatus.POSTED:
            raise DomainError("Only a posted invoice can be credited.")
        left = creditable_amount(invoice)
        if left <= 0:
            raise DomainError(f"{invoice.number} is credited in full already.")
        today = company_today()
        credit = Invoice(
            kind=InvoiceKind.CREDIT_NOTE,
            job_id=invoice.job_id,
            customer_id=invoice.customer_id,
            credited_invoice=invoice,
            invoice_date=today,
            due_date=today,
            description=f"Credit of invoice {invoice.number}",
            primary_employee_id=invoice.primary_employee_id,
            tax_rate=invoice.tax_rate,
            reason=reason.strip(),
            created_by=by,
        )
        history_note(credit, by=by, reason=f"Credit of {invoice.number} drafted")
        credit.save()
        copies = []
        for position, line in enumerate(invoice.lines.order_by("position", "id"), start=1):
            quantity = line.quantity if lines is None else lines.get(line.pk)
            if quantity is None or quantity == 0:
                continue
            if quantity > line.quantity:
                raise DomainError(f"“{line.description}”: credit at most {line.quantity}.", field="lines")
            copies.append(
                InvoiceLine(
                    invoice=credit,
                    position=position,
                    kind=line.kind,
                    description=line.description,
                    quantity=quantity,
                    unit_price=line.unit_price,
                    taxable=line.taxable,
                    employee_id=line.employee_id,
                    installed_equipment_id=line.installed_equipment_id,
                    model_number=line.model_number,
                    serial_number=line.serial_number,
                    warranty_parts_years=line.warranty_parts_years,
                    warranty_labor_years=line.warranty_labor_years,
                    warranty_registration=line.warranty_registration,
                    change_order_id=line.change_order_id,
                )
            )
        if not copies:
            raise DomainError("Choose at least one line to credit.", field="lines")
        InvoiceLine.objects.bulk_create(copies)
        invoice_save_recomputed(credit, by=by, reason="Lines copied")
        if credit.total > left:
            raise DomainError(
                f"{invoice.number} has ${left:,.2f} left to credit; these lines come to ${credit.total:,.2f}.",
                field="lines",
            )
    return credit
