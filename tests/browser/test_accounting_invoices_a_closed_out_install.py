"""Accounting's whole path for a financed install, in a real browser under the app's policies: draft the
invoice from the closed-out job, fix the one check that blocks posting, post it, email it with its PDF,
record the finance company's funding net of the dealer fee, and see the job close."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from billing.choices import DeliveryStatus, InvoiceStatus
from billing.models import FinanceFunding, Invoice, InvoiceDelivery
from billing.services import invoice_draft_from_job, invoice_post
from installops.clock import company_today
from jobs.choices import JobStatus
from jobs.models import Job
from tests.billing.invoice_helpers import billable_job
from tests.browser.helpers import SIZES, sign_in
from tests.browser.test_pages_under_the_csp import violations  # noqa: F401  (the fixture)
from tests.jobs.factories import FinanceCompanyFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.company_time("10:00")]


def test_accounting_drafts_fixes_posts_emails_funds_and_the_job_closes(
    page: Page,
    live_server_url,
    accounting,
    violations,  # noqa: F811
):
    today = company_today()
    job, lead, _ = billable_job(
        contract=Decimal("9000.00"),
        customer__name="Rosa Medina",
        customer__email="rosa@example.com",
        finance_company=FinanceCompanyFactory(name="GreenSky"),
        finance_approved_amount=Decimal("9100.00"),
    )
    sign_in(page, live_server_url, "accounting")
    page.goto(f"{live_server_url}{job.get_absolute_url()}")

    # Draft from the job's records: the contract line, the crew's hours, the unit with its serial.
    page.get_by_test_id("invoice-panel").get_by_test_id("invoice-draft").click()
    expect(page.get_by_test_id("invoice-status")).to_have_text("Draft")
    expect(page.get_by_test_id("invoice-total")).to_have_text("$9,000.00")
    expect(page.get_by_test_id("invoice-line").filter(has_text="SN-1001")).to_have_count(1)
    expect(page.get_by_test_id("invoice-problems")).to_have_count(0)

    # A surge protector fitted on site at the customer's request: the total no longer matches the contract.
    add = page.get_by_test_id("line-add-form")
    add.get_by_label("Kind").select_option(label="Parts and filters")
    add.get_by_label("Description").fill("Surge protector, fitted at the customer's request")
    add.get_by_label("Quantity").fill("1")
    add.get_by_label("Price").fill("92.81")
    add.get_by_label("Taxable").check()
    add.get_by_role("button", name="Add").click()
    expect(page.get_by_test_id("invoice-total")).to_have_text("$9,100.00")  # 92.81 + 7.75% tax = 100.00
    problems = page.get_by_test_id("invoice-problems")
    expect(problems).to_have_count(1)
    expect(problems.get_by_role("listitem")).to_have_count(1)
    expect(problems).to_contain_text("is not the contract plus approved change orders ($9,000.00)")
    expect(page.get_by_test_id("invoice-post")).to_be_disabled()

    # The check's link leads to the header, where the difference is explained.
    problems.get_by_role("link").click()
    expect(page).to_have_url(f"{live_server_url}/billing/invoices/{job.invoices.get().pk}/#header")
    header = page.get_by_test_id("header-form")
    header.get_by_label("Difference explanation").fill("Surge protector added on site, approved by Rosa.")
    header.get_by_role("button", name="Save").click()
    expect(page.get_by_test_id("invoice-problems")).to_have_count(0)

    page.get_by_test_id("invoice-post").click()
    expect(page.get_by_test_id("invoice-status")).to_have_text("Posted")
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"INV-{today.year}-00001")
    invoice = Invoice.objects.get(job=job)
    assert invoice.status == InvoiceStatus.POSTED
    assert invoice.primary_employee == lead
    assert Job.objects.get(pk=job.pk).status == JobStatus.INVOICED
    expect(page.get_by_test_id("invoice-pdf")).to_be_visible()

    page.get_by_test_id("invoice-email").click()
    expect(page.get_by_text("is on its way to rosa@example.com")).to_be_visible()
    delivery = InvoiceDelivery.objects.get(invoice=invoice)
    assert delivery.status == DeliveryStatus.SENT
    sent = [message for message in mail.outbox if "rosa@example.com" in message.to]
    assert len(sent) == 1
    assert [name for name, _, _ in sent[0].attachments] == [f"{invoice.number}.pdf"]

    # GreenSky approved the loan before the install and pays the invoice less its dealer fee.
    page.goto(f"{live_server_url}{job.get_absolute_url()}")
    expect(page.get_by_test_id("payments-panel").get_by_test_id("job-balance")).to_have_text("$9,100.00 owed")
    panel = page.get_by_test_id("funding-panel")
    panel.get_by_text("Loan approved", exact=True).first.click()
    panel.get_by_label("Approved on").fill(f"{today - timedelta(days=30):%Y-%m-%d}")
    panel.get_by_label("Loan number").fill("GS-7781")
    panel.get_by_role("button", name="Loan approved").click()
    expect(panel.get_by_test_id("funding-status")).to_have_text("Loan approved")
    panel.get_by_text("Certificate signed", exact=True).first.click()
    panel.get_by_label("Certificate signed on").fill(f"{today:%Y-%m-%d}")
    panel.get_by_role("button", name="Certificate signed").click()
    panel.get_by_text("Funding requested", exact=True).first.click()
    panel.get_by_label("Requested on").fill(f"{today:%Y-%m-%d}")
    panel.get_by_role("button", name="Funding requested").click()
    expect(panel.get_by_test_id("funding-status")).to_have_text("Funding requested")
    panel.get_by_text("Funding received", exact=True).first.click()
    panel.get_by_label("Funded amount (credited to the customer)").fill("9100.00")
    panel.get_by_label("Dealer fee (kept by the finance company)").fill("318.50")
    panel.get_by_role("button", name="Funding received").click()
    expect(panel.get_by_test_id("funding-status")).to_have_text("Funded")
    expect(panel.get_by_test_id("funding-fee")).to_contain_text("$318.50 (received $8,781.50)")

    funding = FinanceFunding.objects.get(job=job)
    assert funding.net_received == Decimal("8781.50")
    assert Job.objects.get(pk=job.pk).status == JobStatus.CLOSED
    invoice.refresh_from_db()
    # The fee is the company's cost: the customer's invoice is paid in full.
    page.goto(f"{live_server_url}{invoice.get_absolute_url()}")
    expect(page.get_by_test_id("invoice-open")).to_have_text("$0.00")
    violations.check(page)


@pytest.mark.parametrize("size", SIZES)
def test_a_posted_invoice_reads_on_a_phone_and_a_desktop(page: Page, live_server_url, accounting, size):
    job, _, _ = billable_job(customer__name="Rosa Medina")
    invoice = invoice_post(invoice=invoice_draft_from_job(job=job, by=accounting)[0], by=accounting)
    page.set_viewport_size(SIZES[size])
    sign_in(page, live_server_url, "accounting")
    page.goto(f"{live_server_url}{invoice.get_absolute_url()}")
    expect(page.get_by_test_id("invoice-total")).to_have_text("$9,000.00")
    expect(page.get_by_test_id("invoice-email")).to_be_visible()
    # Nothing on the page is wider than the screen; the lines table scrolls inside its card.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
