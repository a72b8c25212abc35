"""What the invoice pages read: the list, one invoice with its lines, the job's panel, the mail queue.

Every page starts from the jobs the user may see (`jobs.selectors.job_list_visible_to`), so an
invoice of a job they may not see does not exist for them.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch, Q, QuerySet

from jobs.selectors import job_list_visible_to

from ..choices import DeliveryMethod, DeliveryStatus, InvoiceKind, InvoiceStatus
from ..models import ChangeOrder, Invoice, InvoiceDelivery, InvoiceLine, PaymentApplication
from .balances import invoices_with_open_amounts

LIST_PAGE_SIZE = 50
MAIL_QUEUE_SIZE = 100


def invoices_visible_to(user) -> QuerySet[Invoice]:
    """The invoices of the jobs this user may see (none without the billing permission)."""
    if not user.has_perm("billing.view_invoice"):
        return Invoice.objects.none()
    return Invoice.objects.filter(job__in=job_list_visible_to(user))


@dataclass(frozen=True)
class InvoiceFilters:
    status: str = ""
    kind: str = ""
    date_from: date | None = None
    date_to: date | None = None
    search: str = ""


def invoice_list(*, user, filters: InvoiceFilters) -> QuerySet[Invoice]:
    """The list page's rows, newest first, with open amounts: one query whatever their number."""
    invoices = invoices_visible_to(user).select_related("job", "customer", "credited_invoice")
    if filters.status:
        invoices = invoices.filter(status=filters.status)
    if filters.kind:
        invoices = invoices.filter(kind=filters.kind)
    if filters.date_from:
        invoices = invoices.filter(invoice_date__gte=filters.date_from)
    if filters.date_to:
        invoices = invoices.filter(invoice_date__lte=filters.date_to)
    if filters.search:
        term = filters.search.strip()
        invoices = invoices.filter(
            Q(number__icontains=term) | Q(job__number__icontains=term) | Q(customer__name__icontains=term)
        )
    return invoices_with_open_amounts(invoices).order_by("-invoice_date", "-id")


def invoice_get_visible(*, user, pk: int) -> Invoice:
    """One invoice with what its page shows (lines, deliveries, payments applied, its credit notes)."""
    return (
        invoices_with_open_amounts(invoices_visible_to(user))
        .select_related(
            "job__customer", "job__site", "customer", "credited_invoice", "primary_employee__user", "posted_by"
        )
        .prefetch_related(
            Prefetch("lines", queryset=InvoiceLine.objects.select_related("employee__user").order_by("position", "id")),
            Prefetch("deliveries", queryset=InvoiceDelivery.objects.select_related("requested_by", "mailed_by")),
            Prefetch(
                "payment_applications",
                queryset=PaymentApplication.objects.select_related("payment").order_by("applied_on", "id"),
            ),
            Prefetch("credit_notes", queryset=Invoice.objects.order_by("invoice_date", "id")),
        )
        .get(pk=pk)
    )


def invoice_line_get_visible(*, user, pk: int) -> InvoiceLine:
    return InvoiceLine.objects.select_related("invoice").get(pk=pk, invoice__in=invoices_visible_to(user))


def change_order_get_visible(*, user, pk: int) -> ChangeOrder:
    return ChangeOrder.objects.select_related("job").get(pk=pk, job__in=job_list_visible_to(user))


def delivery_get_visible(*, user, pk: int) -> InvoiceDelivery:
    return InvoiceDelivery.objects.select_related("invoice__job").get(pk=pk, invoice__in=invoices_visible_to(user))


def job_invoices(*, job) -> list[Invoice]:
    """The job's invoices and credit notes with their open amounts, for its panel."""
    return list(
        invoices_with_open_amounts(Invoice.objects.filter(job=job))
        .select_related("credited_invoice")
        .order_by("created_at", "id")
    )


def job_change_orders(*, job) -> list[ChangeOrder]:
    return list(ChangeOrder.objects.filter(job=job).order_by("created_at", "id"))


def job_draft_invoice(*, job) -> Invoice | None:
    return Invoice.objects.filter(job=job, kind=InvoiceKind.INVOICE, status=InvoiceStatus.DRAFT).first()


def invoice_mail_queue() -> tuple[list[InvoiceDelivery], int]:
    """The invoices waiting to go out on paper, oldest first (a page of them) and how many in all."""
    waiting = InvoiceDelivery.objects.filter(method=DeliveryMethod.MAIL, status=DeliveryStatus.QUEUED)
    deliveries = list(
        waiting.select_related("invoice__job", "invoice__customer", "requested_by").order_by("requested_at", "id")[
            :MAIL_QUEUE_SIZE
        ]
    )
    return deliveries, waiting.count()


def invoice_for_pdf(*, invoice_id: int) -> Invoice:
    """A posted invoice with everything its PDF prints, in a fixed number of queries."""
    return (
        invoices_with_open_amounts(Invoice.objects.filter(pk=invoice_id))
        .select_related("job__site", "customer", "credited_invoice", "primary_employee__user")
        .prefetch_related(
            Prefetch("lines", queryset=InvoiceLine.objects.order_by("position", "id")),
            Prefetch(
                "payment_applications",
                queryset=PaymentApplication.objects.select_related("payment").order_by("applied_on", "id"),
            ),
        )
        .get()
    )
