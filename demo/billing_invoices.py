"""Demo invoices for seed_demo, made through billing's services: drafts, posted invoices, a credit note,
invoices emailed, waiting on the print-and-mail queue and mailed, and a PDF that failed.

`invoice_and_post(job, ...)` is the accounting step of the pipeline (progress.py calls it where a job
goes to Invoiced: posting moves the job). `seed_invoice_states` then gives the demo one of each state.
Re-running adds nothing twice: a job with an invoice is left alone.
"""

from datetime import date, timedelta
from decimal import Decimal

from billing import services as billing_services
from billing.choices import InvoiceKind, InvoiceStatus, RenderStatus
from billing.models import Invoice, InvoiceDelivery, LaborRate
from billing.selectors import contract_with_change_orders, invoice_posting_problems
from jobs import services as job_services
from jobs.choices import EquipmentKind, JobStatus
from jobs.models import Job
from people.choices import EmployeeRole

LABOR_RATES = {
    EmployeeRole.LEAD_INSTALLER: Decimal("95.00"),
    EmployeeRole.INSTALLER: Decimal("70.00"),
    EmployeeRole.TECH: Decimal("110.00"),
}
UNITS = [
    (EquipmentKind.CONDENSER, "Carrier", "24ACC636A003"),
    (EquipmentKind.FURNACE, "Carrier", "59SC5B080E17"),
]


def ensure_labor_rates() -> None:
    for role, rate in LABOR_RATES.items():
        LaborRate.objects.get_or_create(role=role, defaults={"hourly_rate": rate})


def _record_units(job: Job, *, by, rng, day: date) -> None:
    if job.installed_equipment.exists():
        return
    for kind, maker, model in UNITS[: rng.randint(1, 2)]:
        job_services.installed_equipment_record(
            job=job, by=by, kind=kind, manufacturer=maker, model_number=model,
            serial_number=f"{rng.randint(1000, 9999)}E{rng.randint(10000, 99999)}", warranty_years=10,
        )  # fmt: skip


def invoice_draft(job: Job, *, by, rng, day: date) -> Invoice:
    """The job's draft, made from its records, dated `day`, with what posting would ask for written in."""
    ensure_labor_rates()
    _record_units(job, by=by, rng=rng, day=day)
    invoice, _ = billing_services.invoice_draft_from_job(job=job, by=by)
    changes: dict = {"invoice_date": day, "due_date": None}
    if invoice.total != contract_with_change_orders(job):
        changes["difference_explanation"] = "Labor beyond the contract's hours, agreed with the customer."
    return billing_services.invoice_update_header(invoice=invoice, by=by, **changes)


def invoice_and_post(job: Job, *, by, rng, day: date) -> Invoice | None:
    """Draft and post the job's invoice (which moves the job to Invoiced); None when a check still fails."""
    invoice = invoice_draft(job, by=by, rng=rng, day=day)
    if invoice_posting_problems(invoice):
        return None
    return billing_services.invoice_post(invoice=invoice, by=by)


def seed_invoice_states(*, staff, rng, today: date) -> None:
    """One of every state the office meets, on the demo's invoiced and installed jobs."""
    accounting = staff["accounting"]
    ensure_labor_rates()
    # Drafts: installed or inspected jobs accounting has started on, one with a change order to approve.
    waiting = Job.objects.filter(status__in=[JobStatus.INSTALLED, JobStatus.INSPECTED], invoices__isnull=True)
    for job in waiting.order_by("pk")[:3]:
        if not job.change_orders.exists():
            order = billing_services.change_order_add(
                job=job, by=accounting, description="Add a return-air drop in the hallway", amount=Decimal("450.00")
            )
            billing_services.change_order_decide(
                change_order=order, by=accounting, approve=True, approved_on=today - timedelta(days=2)
            )
            billing_services.change_order_add(
                job=job, by=accounting, description="Replace the thermostat wire", amount=Decimal("85.00")
            )
        invoice_draft(job, by=accounting, rng=rng, day=today)
    posted = list(
        Invoice.objects.filter(kind=InvoiceKind.INVOICE, status=InvoiceStatus.POSTED)
        .select_related("customer")
        .order_by("pk")
    )
    untouched = [invoice for invoice in posted if not invoice.deliveries.exists() and not invoice.credit_notes.exists()]
    if not untouched or InvoiceDelivery.objects.exists():
        return  # already seeded (or nothing posted to show)
    # The PDFs of the invoices sent below, made here as the pdf worker would (a queued one renders once).
    for invoice in untouched[:8]:
        billing_services.invoice_pdf_render(invoice_id=invoice.pk)
        invoice.refresh_from_db()
    emailed = [invoice for invoice in untouched if invoice.customer.email and not invoice.customer.email_opt_out][:3]
    # Customers who asked for paper (or have no email): on the print-and-mail queue, the oldest mailed.
    paper = [invoice for invoice in untouched if invoice not in emailed][:3]
    for invoice in emailed:
        billing_services.invoice_email(invoice=invoice, by=accounting)
    for invoice in paper:
        billing_services.invoice_mail(invoice=invoice, by=accounting)
    mailed = list(InvoiceDelivery.objects.filter(invoice__in=paper[:1]))
    if mailed:
        billing_services.invoice_deliveries_record_mailed(deliveries=mailed, by=accounting, mailed_on=today)
    rest = [invoice for invoice in untouched if invoice not in emailed and invoice not in paper]
    if rest:
        smallest = rest[0].lines.filter(amount__gt=0).order_by("amount", "pk").first()
        billing_services.credit_note_draft(
            invoice=rest[0], by=accounting, reason="Billed for an hour the crew did not work",
            lines={smallest.pk: min(smallest.quantity, Decimal("1"))} if smallest else None,
        )  # fmt: skip
        credit = rest[0].credit_notes.get()
        billing_services.invoice_post(invoice=credit, by=accounting)
    if len(rest) > 1:
        # A PDF whose worker kept dying: the relay gives it up after three tries, visibly.
        Invoice.objects.filter(pk=rest[1].pk).update(
            pdf_status=RenderStatus.RUNNING, pdf_attempts=3, updated_at=rest[1].posted_at - timedelta(days=1)
        )
        billing_services.invoice_pdf_render_relay()
