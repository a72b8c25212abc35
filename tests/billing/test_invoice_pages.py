"""The invoice pages: who sees what, the draft's forms, the list's filters and its fixed number of queries."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from billing.choices import DeliveryMethod, InvoiceKind, InvoiceStatus, LineKind
from billing.models import Invoice, InvoiceDelivery, InvoiceLine
from billing.services import invoice_draft_from_job, invoice_post
from tests.billing.factories import ChangeOrderFactory, InvoiceFactory
from tests.billing.invoice_helpers import billable_job
from tests.jobs.factories import JobFactory
from tests.notifications.factories import visit_on

pytestmark = [pytest.mark.django_db, pytest.mark.company_time("2026-11-24 09:00")]
LIST = reverse("billing:invoice_list")


def detail(invoice):
    return reverse("billing:invoice_detail", args=[invoice.pk])


@pytest.fixture
def draft(accounting):
    job, _, _ = billable_job()
    return invoice_draft_from_job(job=job, by=accounting)[0]


def test_accounting_edits_a_draft_and_sees_what_blocks_posting(client_as, accounting, draft):
    Invoice.objects.filter(pk=draft.pk).update(invoice_date=None)
    page = client_as(accounting).get(detail(draft)).content.decode()
    assert 'data-testid="header-form"' in page
    assert 'data-testid="line-add-form"' in page
    assert "Before posting:" in page
    assert "Enter the invoice date." in page
    assert f'href="{detail(draft)}#header"' in page


def test_a_refused_header_keeps_what_was_typed_and_says_why(client_as, accounting, draft):
    response = client_as(accounting).post(
        reverse("billing:invoice_header", args=[draft.pk]),
        {"invoice_date": "2026-11-20", "due_date": "2026-11-01", "tax_rate": "0.0775", "notes": "Thanks, Rosa"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "The due date comes before the invoice date." in page
    assert "Thanks, Rosa" in page
    draft.refresh_from_db()
    assert draft.notes == ""

    bad = client_as(accounting).post(reverse("billing:invoice_header", args=[draft.pk]), {"tax_rate": "0.9"})
    assert bad.status_code == 200
    assert "less than or equal to 0.2" in bad.content.decode()


def test_adding_a_line_through_the_page_updates_the_totals(client_as, accounting, draft):
    before = draft.total
    response = client_as(accounting).post(
        reverse("billing:invoice_line_add", args=[draft.pk]),
        {"kind": LineKind.PART, "description": "Filter", "quantity": "1", "unit_price": "20.00", "taxable": "on"},
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.total == before + Decimal("21.55")


def test_a_posted_invoice_is_read_only_for_everyone(client_as, accounting, draft):
    invoice = invoice_post(invoice=draft, by=accounting)
    page = client_as(accounting).get(detail(invoice)).content.decode()
    assert "INV-2026-00001" in page
    assert 'data-testid="header-form"' not in page
    assert 'data-testid="line-add-form"' not in page
    assert 'data-testid="credit-form"' in page
    # The PDF is on its way: the page asks again until it is there.
    assert 'data-testid="invoice-pdf-busy"' in page
    assert 'hx-trigger="every 3s"' in page
    line = invoice.lines.first()
    response = client_as(accounting).post(
        reverse("billing:invoice_line_edit", args=[line.pk]),
        {f"line-{line.pk}-description": "x", f"line-{line.pk}-quantity": "1", f"line-{line.pk}-unit_price": "1"},
    )
    assert response.status_code == 302
    line.refresh_from_db()
    assert line.description != "x"


def test_the_coordinator_reads_and_cannot_change(client_as, coordinator, draft):
    client = client_as(coordinator)
    page = client.get(detail(draft)).content.decode()
    assert 'data-testid="header-form"' not in page
    assert 'data-testid="invoice-post"' not in page
    assert client.post(reverse("billing:invoice_post", args=[draft.pk])).status_code == 403


def test_salespeople_see_only_their_own_jobs_invoices(client_as, salesperson):
    mine = InvoiceFactory(job=JobFactory(salesperson=salesperson))
    theirs = InvoiceFactory()
    client = client_as(salesperson)
    listing = client.get(LIST).content.decode()
    assert detail(mine) in listing
    assert detail(theirs) not in listing
    assert client.get(detail(theirs)).status_code == 404
    page = client.get(detail(mine)).content.decode()
    assert 'data-testid="header-form"' not in page


def test_field_staff_see_no_money_on_the_job_page(client_as, installer, accounting):
    job = JobFactory(contract_amount=Decimal("12345.00"))
    visit_on(crew=installer.crew, job=job)
    InvoiceFactory(job=job)
    page = client_as(installer).get(reverse("jobs:job_detail", args=[job.pk])).content.decode()
    assert reverse("billing:job_invoice_panel", args=[job.pk]) not in page
    assert "Billing" not in page
    assert client_as(installer).get(reverse("billing:job_invoice_panel", args=[job.pk])).status_code == 403
    office = client_as(accounting).get(reverse("jobs:job_detail", args=[job.pk])).content.decode()
    assert reverse("billing:job_invoice_panel", args=[job.pk]) in office


def test_the_job_panel_drafts_and_takes_change_orders(client_as, accounting):
    job, _, _ = billable_job()
    client = client_as(accounting)
    panel = client.get(reverse("billing:job_invoice_panel", args=[job.pk])).content.decode()
    assert 'data-testid="invoice-draft"' in panel
    assert "$9,000.00" in panel

    added = client.post(
        reverse("billing:change_order_add", args=[job.pk]),
        {"description": "Add a return drop", "amount": "450"},
        HTTP_HX_REQUEST="true",
    )
    assert "Add a return drop" in added.content.decode()
    order = job.change_orders.get()
    refused = client.post(
        reverse("billing:change_order_decide", args=[order.pk]),
        {f"co-{order.pk}-decision": "approve"},
        HTTP_HX_REQUEST="true",
    )
    assert "Enter the day the customer approved it." in refused.content.decode()
    client.post(
        reverse("billing:change_order_decide", args=[order.pk]),
        {f"co-{order.pk}-decision": "approve", f"co-{order.pk}-approved_on": "2026-11-20"},
        HTTP_HX_REQUEST="true",
    )
    order.refresh_from_db()
    assert order.approved_on == date(2026, 11, 20)

    response = client.post(reverse("billing:invoice_draft", args=[job.pk]))
    invoice = Invoice.objects.get(job=job)
    assert response["Location"] == detail(invoice)
    assert invoice.total == Decimal("9450.00")


def test_the_list_filters(client_as, accounting, draft):
    posted = invoice_post(invoice=draft, by=accounting)
    other = InvoiceFactory(job=JobFactory(customer__name="Zed Quinn"), invoice_date=date(2026, 10, 1))
    client = client_as(accounting)

    def shown(**params):
        page = client.get(LIST, params).content.decode()
        return {invoice for invoice in (posted, other) if detail(invoice) in page}

    assert shown() == {posted, other}
    assert shown(status="posted") == {posted}
    assert shown(status="draft") == {other}
    assert shown(kind="credit_note") == set()
    assert shown(date_from="2026-11-01") == {posted}
    assert shown(date_to="2026-10-31") == {other}
    assert shown(q="Zed") == {other}
    assert shown(q="INV-2026") == {posted}
    junk = client.get(LIST, {"status": "nonsense"})
    assert "Status ignored" in junk.content.decode()


def bulk_invoices(count: int, *, by) -> None:
    jobs = [JobFactory() for _ in range(10)]
    now = timezone.now()
    invoices = Invoice.objects.bulk_create(
        Invoice(
            kind=InvoiceKind.INVOICE,
            status=InvoiceStatus.POSTED if n % 2 else InvoiceStatus.DRAFT,
            job=jobs[n % 10],
            customer_id=jobs[n % 10].customer_id,
            number=f"INV-2026-{n:05d}" if n % 2 else "",
            year=2026 if n % 2 else None,
            sequence=n if n % 2 else None,
            posted_at=now if n % 2 else None,
            invoice_date=date(2026, 11, 1) + timedelta(days=n % 20),
            total=Decimal("100.00"),
            created_by=by,
        )
        for n in range(count)
    )
    InvoiceLine.objects.bulk_create(
        InvoiceLine(invoice=invoice, kind=LineKind.OTHER, description="x", amount=Decimal("100.00"))
        for invoice in invoices[:100]
    )


@pytest.mark.parametrize("count", [10, 5000])
def test_the_list_runs_a_fixed_number_of_queries(client_as, accounting, django_assert_max_num_queries, count):
    bulk_invoices(count, by=accounting)
    client = client_as(accounting)
    # Session, user, permissions and groups, the page's count and its rows, the menu's permissions.
    with django_assert_max_num_queries(8):
        response = client.get(LIST)
    assert response.status_code == 200
    assert response.content.decode().count('data-testid="invoice-row"') == min(count, 50)
    with django_assert_max_num_queries(8):
        client.get(LIST, {"status": "posted", "q": "INV", "page": "2"})


def test_the_invoice_page_costs_the_same_with_many_lines(client_as, accounting, draft, django_assert_max_num_queries):
    client = client_as(accounting)
    ChangeOrderFactory(job=draft.job)
    with django_assert_max_num_queries(40) as few:
        client.get(detail(draft))
    InvoiceLine.objects.bulk_create(
        InvoiceLine(invoice=draft, kind=LineKind.PART, description=f"Part {n}", amount=Decimal("1")) for n in range(40)
    )
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(detail(draft))
    assert response.content.decode().count('data-testid="invoice-line"') == 44


@pytest.mark.parametrize("count", [10, 5000])
def test_the_mail_queue_runs_a_fixed_number_of_queries(client_as, accounting, django_assert_max_num_queries, count):
    bulk_invoices(count * 2, by=accounting)
    now = timezone.now()
    InvoiceDelivery.objects.bulk_create(
        InvoiceDelivery(invoice=invoice, method=DeliveryMethod.MAIL, requested_by=accounting, requested_at=now)
        for invoice in Invoice.objects.filter(status=InvoiceStatus.POSTED)
    )
    client = client_as(accounting)
    # Session, user, permissions and groups, the page's rows and their count, the menu's permissions.
    with django_assert_max_num_queries(8):
        response = client.get(reverse("billing:invoice_mail_queue"))
    assert response.content.decode().count('data-testid="mail-row"') == min(count, 100)


def test_crediting_from_the_invoice_page_opens_the_draft_credit_note(client_as, accounting, draft):
    invoice = invoice_post(invoice=draft, by=accounting)
    client = client_as(accounting)
    refused = client.post(reverse("billing:credit_note_draft", args=[invoice.pk]), {"reason": ""})
    assert refused.status_code == 200
    assert "This field is required." in refused.content.decode()

    response = client.post(reverse("billing:credit_note_draft", args=[invoice.pk]), {"reason": "Double billed"})
    credit = Invoice.objects.get(kind=InvoiceKind.CREDIT_NOTE)
    assert response["Location"] == detail(credit)
    page = client.get(detail(credit)).content.decode()
    assert "Draft credit note" in page
    assert "Reason for the credit" in page
    assert "Double billed" in page
    assert client.post(reverse("billing:invoice_post", args=[credit.pk])).status_code == 302
    credit.refresh_from_db()
    assert credit.number == "CN-2026-0001"
