"""Drafting an invoice from its job, and editing it while it is a draft.

A draft is built from what the job's records say: the description of work at the contract price,
the hours on the close-out timecards (one labor line per person, at their role's rate), every unit
installed with its model, serial and warranty, and the approved change orders. The office then edits
lines and header freely; after every change the service adds the lines up again with billing.money.
A posted invoice is never edited.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction

from installops.clock import company_today
from installops.date_window import date_window_refusal
from installops.errors import DomainError, full_clean_or_refuse
from installops.history import history_note
from jobs.models import Job
from people.models import Employee
from scheduling.choices import RELEASED_VISIT_STATUSES
from scheduling.models import Timecard

from ..choices import CREDIT_LINE_KINDS, ChangeOrderStatus, InvoiceKind, InvoiceStatus, LineKind
from ..models import ChangeOrder, Invoice, InvoiceLine, LaborRate
from ..money import ZERO, cents, line_amount, line_tax
from ..selectors.invoice_checks import job_actual_leads
from ..selectors.warranties import warranty_status_for_units

# The kinds of line a person adds by hand (the others come from the job's records).
EDITABLE_LINE_KINDS = [LineKind.PART, LineKind.DISCOUNT, LineKind.REBATE, LineKind.OTHER, LineKind.LABOR]
TAXABLE_BY_DEFAULT = {LineKind.EQUIPMENT, LineKind.PART, LineKind.DESCRIPTION}


def default_tax_rate() -> Decimal:
    return Decimal(settings.BILLING_TAX_RATE)


def due_date_for(invoice_date: date) -> date:
    return invoice_date + timedelta(days=settings.BILLING_TERMS_DAYS)


# ---------------------------------------------------------------------------------------------- totals


# The columns hold 12 digits, two of them cents.
MONEY_LIMIT = Decimal("9999999999.99")


def invoice_recompute(invoice: Invoice) -> Invoice:
    """Write every line's amount and tax and the invoice's subtotal, tax and total (billing.money's
    rule: each line rounded, taxes line by line, the total their sums). Call inside the transaction."""
    lines = list(InvoiceLine.objects.filter(invoice=invoice))
    for line in lines:
        amount = line_amount(line.quantity, line.unit_price)
        if amount > MONEY_LIMIT:
            raise DomainError(
                f"“{line.description}” comes to more than an invoice can hold: check its quantity and price."
            )
        line.amount = -abs(amount) if line.kind in CREDIT_LINE_KINDS else amount
        line.tax = line_tax(line.amount, invoice.tax_rate, taxable=line.taxable)
    if lines:
        InvoiceLine.objects.bulk_update(lines, ["amount", "tax"])
    invoice.subtotal = sum((line.amount for line in lines), ZERO)
    invoice.tax = sum((line.tax for line in lines), ZERO)
    invoice.total = invoice.subtotal + invoice.tax
    if max(abs(invoice.subtotal), invoice.total) > MONEY_LIMIT:
        raise DomainError("The invoice comes to more than it can hold: check the quantities and prices.")
    if invoice.total < 0:
        raise DomainError("The discounts and rebates come to more than the invoice: its total cannot be negative.")
    return invoice


def invoice_save_recomputed(invoice: Invoice, *, by, reason: str) -> Invoice:
    invoice_recompute(invoice)
    full_clean_or_refuse(invoice, exclude=["job", "customer", "credited_invoice", "created_by", "primary_employee"])
    history_note(invoice, by=by, reason=reason)
    invoice.save()
    return invoice


def _lock_draft(invoice: Invoice) -> Invoice:
    locked = Invoice.objects.select_for_update().get(pk=invoice.pk)
    if locked.status != InvoiceStatus.DRAFT:
        raise DomainError(f"{locked.number} is posted: it can no longer be changed. Credit it instead.")
    return locked


# ---------------------------------------------------------------------------------------------- drafting


@dataclass(frozen=True)
class _LaborHours:
    employee: Employee
    hours: Decimal


def _labor_hours(job: Job) -> list[_LaborHours]:
    """Hours per person on the job's visits that were worked (not called off), in name order."""
    timecards = (
        Timecard.objects.filter(visit__job=job)
        .exclude(visit__status__in=RELEASED_VISIT_STATUSES)
        .select_related("employee__user")
        .order_by("employee__user__first_name", "employee__user__last_name", "employee_id")
    )
    hours: dict[int, Decimal] = defaultdict(Decimal)
    people: dict[int, Employee] = {}
    for timecard in timecards:
        hours[timecard.employee_id] += timecard.hours
        people[timecard.employee_id] = timecard.employee
    return [_LaborHours(people[pk], hours[pk]) for pk in people]


def _equipment_line(unit, *, position: int, registration: str) -> InvoiceLine:
    name = " ".join(part for part in (unit.manufacturer, unit.get_kind_display(), unit.model_number) if part)
    return InvoiceLine(
        position=position,
        kind=LineKind.EQUIPMENT,
        description=name[:300],
        quantity=Decimal("1"),
        unit_price=ZERO,
        taxable=True,
        installed_equipment=unit,
        model_number=unit.model_number,
        serial_number=unit.serial_number,
        warranty_parts_years=unit.warranty_years,
        warranty_labor_years=settings.BILLING_LABOR_WARRANTY_YEARS,
        warranty_registration=registration,
    )


def _contract_price(contract: Decimal, labor: Decimal, rate: Decimal) -> Decimal:
    """The taxable "work per contract" line's price that, with its tax and the labor lines, makes the
    contract amount: the contract is the customer's all-in price. The nearest cent that adds up exactly,
    else the closest (the difference check then asks for a word)."""
    goods = contract - labor
    if goods <= 0:
        return ZERO
    guess = cents(goods / (1 + rate))
    for candidate in (guess, guess - Decimal("0.01"), guess + Decimal("0.01")):
        if candidate + line_tax(candidate, rate, taxable=True) == goods:
            return candidate
    return guess


def invoice_draft_from_job(*, job: Job, by) -> tuple[Invoice, bool]:
    """The job's draft invoice, made from its records; (invoice, created). A job has one draft at a
    time: asking again opens the one there is."""
    with transaction.atomic():
        # The job's row is the lock: two people drafting at once end with one draft.
        job = Job.objects.select_for_update().select_related("customer").get(pk=job.pk)
        existing = Invoice.objects.filter(job=job, kind=InvoiceKind.INVOICE, status=InvoiceStatus.DRAFT).first()
        if existing is not None:
            return existing, False
        if job.invoices.filter(kind=InvoiceKind.INVOICE, status=InvoiceStatus.POSTED).exists():
            raise DomainError(
                "This job already has a posted invoice. Credit it and draft again, or add a change order."
            )
        rate = default_tax_rate()
        today = company_today()
        leads = job_actual_leads(job)
        invoice = Invoice(
            kind=InvoiceKind.INVOICE,
            job=job,
            customer=job.customer,
            invoice_date=today,
            due_date=due_date_for(today),
            description="\n\n".join(part for part in (job.description.strip(), job.equipment_proposed.strip()) if part),
            primary_employee=leads[0] if leads else None,
            tax_rate=rate,
            created_by=by,
        )
        history_note(invoice, by=by, reason="Drafted from the job")
        invoice.save()

        rates = dict(LaborRate.objects.values_list("role", "hourly_rate"))
        lines: list[InvoiceLine] = []
        labor_lines = []
        for worked in _labor_hours(job):
            hourly = rates.get(worked.employee.role, ZERO)
            labor_lines.append(
                InvoiceLine(
                    kind=LineKind.LABOR,
                    description=f"Labor — {worked.employee}, {worked.hours.normalize():f} h at ${hourly:,.2f}/h"[:300],
                    quantity=worked.hours,
                    unit_price=hourly,
                    taxable=False,
                    employee=worked.employee,
                )
            )
        labor_total = sum((line_amount(line.quantity, line.unit_price) for line in labor_lines), ZERO)
        summary = (job.description.strip().splitlines() or ["Installation"])[0]
        lines.append(
            InvoiceLine(
                kind=LineKind.DESCRIPTION,
                description=f"{summary} — per contract"[:300],
                quantity=Decimal("1"),
                unit_price=_contract_price(job.contract_amount, labor_total, rate),
                taxable=True,
            )
        )
        lines.extend(labor_lines)
        units = list(job.installed_equipment.order_by("recorded_at", "id"))
        # The manufacturer's registration, as billing's warranty records have it ("registered, conf. #…").
        warranties = warranty_status_for_units(units)
        for unit in units:
            status = warranties[unit.pk]
            registration = status.text or "Not registered yet"
            lines.append(_equipment_line(unit, position=0, registration=registration[:1].upper() + registration[1:]))
        for order in ChangeOrder.objects.filter(job=job, status=ChangeOrderStatus.APPROVED).order_by(
            "approved_on", "id"
        ):
            lines.append(change_order_invoice_line(order))
        for position, line in enumerate(lines, start=1):
            line.invoice = invoice
            line.position = position
        InvoiceLine.objects.bulk_create(lines)
        invoice_save_recomputed(invoice, by=by, reason="Lines from the job's records")
    return invoice, True


def change_order_invoice_line(order: ChangeOrder) -> InvoiceLine:
    amount = order.amount
    kind = LineKind.CHANGE_ORDER if amount >= 0 else LineKind.DISCOUNT
    return InvoiceLine(
        kind=kind,
        description=f"Change order: {order.description}"[:300],
        quantity=Decimal("1"),
        unit_price=abs(amount),
        taxable=False,
        change_order=order,
    )


# ---------------------------------------------------------------------------------------------- editing

HEADER_FIELDS = [
    "invoice_date",
    "due_date",
    "description",
    "primary_employee",
    "tax_rate",
    "difference_explanation",
    "reason",
    "notes",
]


def invoice_update_header(*, invoice: Invoice, by, **changes: Any) -> Invoice:
    """Change a draft's header (dates, description, primary employee, tax rate, explanation, note).

    A new invoice date with no due date given moves the due date by the terms."""
    unknown = set(changes) - set(HEADER_FIELDS)
    if unknown:
        raise ValueError(f"not header fields: {sorted(unknown)}")
    for name in ("invoice_date", "due_date"):
        value = changes.get(name)
        if value is not None:
            refusal = date_window_refusal(value)
            if refusal:
                raise DomainError(refusal, field=name)
    with transaction.atomic():
        invoice = _lock_draft(invoice)
        if changes.get("invoice_date") and not changes.get("due_date"):
            changes["due_date"] = due_date_for(changes["invoice_date"])
        for name, value in changes.items():
            setattr(invoice, name, value)
        if invoice.invoice_date and invoice.due_date and invoice.due_date < invoice.invoice_date:
            raise DomainError("The due date comes before the invoice date.", field="due_date")
        return invoice_save_recomputed(invoice, by=by, reason="Header changed")


def _check_line_values(kind: str, quantity: Decimal, unit_price: Decimal) -> None:
    if quantity < 0:
        raise DomainError("A quantity cannot be negative.", field="quantity")
    if unit_price < 0:
        raise DomainError(
            "Enter the price without a minus sign: discounts and rebates are taken off by their kind.",
            field="unit_price",
        )


def invoice_line_add(
    *,
    invoice: Invoice,
    by,
    kind: str,
    description: str,
    quantity: Decimal = Decimal("1"),
    unit_price: Decimal,
    taxable: bool | None = None,
) -> InvoiceLine:
    """Add a line to a draft (parts and filters, a discount, a rebate applied, labor, other)."""
    _check_line_values(kind, quantity, unit_price)
    with transaction.atomic():
        invoice = _lock_draft(invoice)
        last = invoice.lines.order_by("-position").values_list("position", flat=True).first() or 0
        line = InvoiceLine(
            invoice=invoice,
            position=last + 1,
            kind=kind,
            description=description.strip(),
            quantity=quantity,
            unit_price=unit_price,
            taxable=(kind in TAXABLE_BY_DEFAULT) if taxable is None else taxable,
        )
        full_clean_or_refuse(line, exclude=["invoice", "employee", "installed_equipment", "change_order"])
        line.save()
        invoice_save_recomputed(invoice, by=by, reason=f"Line added: {line.description}")
    return line


def invoice_line_update(
    *, line: InvoiceLine, by, description: str, quantity: Decimal, unit_price: Decimal, taxable: bool
) -> InvoiceLine:
    """Change a draft's line: what it says, how many, the price and whether it is taxed."""
    _check_line_values(line.kind, quantity, unit_price)
    with transaction.atomic():
        invoice = _lock_draft(line.invoice)
        line = InvoiceLine.objects.select_for_update().get(pk=line.pk, invoice=invoice)
        line.description = description.strip()
        line.quantity = quantity
        line.unit_price = unit_price
        line.taxable = taxable
        full_clean_or_refuse(line, exclude=["invoice", "employee", "installed_equipment", "change_order"])
        line.save()
        invoice_save_recomputed(invoice, by=by, reason=f"Line changed: {line.description}")
    return line


def invoice_line_remove(*, line: InvoiceLine, by) -> Invoice:
    with transaction.atomic():
        invoice = _lock_draft(line.invoice)
        description = line.description
        InvoiceLine.objects.filter(pk=line.pk, invoice=invoice).delete()
        return invoice_save_recomputed(invoice, by=by, reason=f"Line removed: {description}")
