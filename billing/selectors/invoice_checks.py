"""What stands between a draft and its posting, each problem with the page that fixes it.

An invoice: it has a date; its total is the contract plus the approved change orders, or a written
explanation says why not; its primary employee led the install on site (close-out's actual lead);
every unit installed has a serial; and the Title 24 gate is closed where the job needs one (permits'
own condition on Invoiced). A credit note: a date, a reason, and no more than the invoice has left
to credit.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, Sum
from django.urls import reverse

from jobs.models import InstalledEquipment
from people.models import Employee
from permits.selectors.title24 import title24_gate_missing
from scheduling.choices import VisitStatus
from scheduling.models import Visit

from ..choices import ChangeOrderStatus, InvoiceKind, InvoiceStatus
from ..models import ChangeOrder, Invoice
from ..money import ZERO, dollars


@dataclass(frozen=True)
class Problem:
    message: str
    fix_url: str


def contract_with_change_orders(job) -> Decimal:
    approved = ChangeOrder.objects.filter(job=job, status=ChangeOrderStatus.APPROVED).aggregate(total=Sum("amount"))
    return job.contract_amount + (approved["total"] or ZERO)


def job_actual_leads(job) -> list[Employee]:
    """Who led the job's worked visits on site, as confirmed at close-out, latest visit first."""
    visits = (
        Visit.objects.filter(
            job=job, actual_lead__isnull=False, status__in=[VisitStatus.COMPLETED, VisitStatus.CLOSED_OUT]
        )
        .select_related("actual_lead__user")
        .order_by("-starts_at", "-id")
    )
    leads: list[Employee] = []
    for visit in visits:
        if visit.actual_lead is not None and visit.actual_lead not in leads:
            leads.append(visit.actual_lead)
    return leads


def creditable_amount(invoice: Invoice, *, excluding: Invoice | None = None) -> Decimal:
    """What is left to credit on a posted invoice: its total less its posted credit notes."""
    credited = Invoice.objects.filter(
        credited_invoice=invoice, kind=InvoiceKind.CREDIT_NOTE, status=InvoiceStatus.POSTED
    )
    if excluding is not None:
        credited = credited.exclude(pk=excluding.pk)
    return invoice.total - (credited.aggregate(total=Sum("total"))["total"] or ZERO)


def invoice_posting_problems(invoice: Invoice) -> list[Problem]:
    """Everything to fix before `invoice` can be posted; empty when it can."""
    edit = reverse("billing:invoice_detail", args=[invoice.pk])
    problems: list[Problem] = []
    if invoice.status != InvoiceStatus.DRAFT:
        return [Problem(f"{invoice.number} is already posted.", edit)]
    if invoice.invoice_date is None:
        problems.append(Problem("Enter the invoice date.", f"{edit}#header"))
    if invoice.is_credit_note:
        return problems + _credit_note_problems(invoice, edit)
    if not invoice.lines.exists():
        problems.append(Problem("The invoice has no lines.", f"{edit}#lines"))
    job = invoice.job
    job_url = job.get_absolute_url()
    expected = contract_with_change_orders(job)
    if invoice.total != expected and not invoice.difference_explanation.strip():
        problems.append(
            Problem(
                f"The total ({dollars(invoice.total)}) is not the contract plus approved change orders "
                f"({dollars(expected)}): correct the lines or explain the difference.",
                f"{edit}#header",
            )
        )
    leads = job_actual_leads(job)
    if not leads:
        problems.append(Problem("No visit of this job has its lead confirmed at close-out.", f"{job_url}#panel-visits"))
    elif invoice.primary_employee_id is None:
        problems.append(Problem(f"Choose the primary employee ({leads[0]} led the install).", f"{edit}#header"))
    elif invoice.primary_employee_id not in {lead.pk for lead in leads}:
        names = ", ".join(str(lead) for lead in leads)
        problems.append(
            Problem(
                f"The primary employee ({invoice.primary_employee}) did not lead the install: {names} did.",
                f"{edit}#header",
            )
        )
    no_serial = InstalledEquipment.objects.filter(job=job).filter(Q(serial_number="") | Q(serial_number__isnull=True))
    for unit in no_serial:
        problems.append(
            Problem(
                f"{unit.get_kind_display()} {unit.model_number} has no serial number.", f"{job_url}#installed-equipment"
            )
        )
    for missing in title24_gate_missing(job):
        problems.append(Problem(f"Title 24: {missing}.", f"{job_url}#panel-title24"))
    return problems


def _credit_note_problems(credit_note: Invoice, edit: str) -> list[Problem]:
    problems: list[Problem] = []
    if not credit_note.reason.strip():
        problems.append(Problem("Say why the invoice is credited.", f"{edit}#header"))
    if credit_note.total <= 0:
        problems.append(Problem("The credit note credits nothing: give it a line.", f"{edit}#lines"))
    invoice = credit_note.credited_invoice
    if invoice is None:  # a database constraint keeps this from happening
        return [*problems, Problem("A credit note must credit an invoice.", edit)]
    left = creditable_amount(invoice, excluding=credit_note)
    if credit_note.total > left:
        problems.append(
            Problem(
                f"{invoice.number} has {dollars(left)} left to credit; "
                f"this credit note is {dollars(credit_note.total)}.",
                f"{edit}#lines",
            )
        )
    return problems
