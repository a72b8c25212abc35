"""Accounting walks a job's loan from the job page's funding panel, each step swapped in place by htmx (a
refused step stays in the panel with what was typed); the funding pays the invoice and the job closes."""

from datetime import timedelta
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from billing.models import FinanceFunding
from installops.clock import company_today
from jobs.choices import JobStatus
from jobs.models import Job
from scheduling.choices import VisitStatus
from tests.billing.posted import posted_invoice
from tests.browser.helpers import sign_in
from tests.browser.test_pages_under_the_csp import violations  # noqa: F401  (the fixture)
from tests.jobs.factories import FinanceCompanyFactory, JobFactory
from tests.scheduling.factories import VisitFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.company_time("10:00")]


def test_accounting_takes_the_loan_from_approval_to_funded_and_the_job_closes(
    page: Page,
    live_server_url,
    accounting,
    violations,  # noqa: F811
):
    company = FinanceCompanyFactory(name="GreenSky")
    job = JobFactory(kind="maintenance", status=JobStatus.INVOICED, finance_company=company,
                     finance_approved_amount=Decimal("8200.00"), customer__name="Rosa Medina")  # fmt: skip
    VisitFactory(job=job, status=VisitStatus.CLOSED_OUT)
    today = company_today()
    posted_invoice(job, "8200.00", invoice_date=today - timedelta(days=10))
    sign_in(page, live_server_url, "accounting")
    page.goto(f"{live_server_url}{job.get_absolute_url()}")

    payments = page.get_by_test_id("payments-panel")
    expect(payments.get_by_test_id("job-balance")).to_have_text("$8,200.00 owed")
    panel = page.get_by_test_id("funding-panel")
    panel.get_by_text("Loan approved", exact=True).first.click()
    expect(panel.get_by_label("Approved amount")).to_have_value("8200.00")
    panel.get_by_label("Approved on").fill(f"{today - timedelta(days=30):%Y-%m-%d}")
    panel.get_by_label("Loan number").fill("GS-7781")
    panel.get_by_role("button", name="Loan approved").click()
    expect(panel.get_by_test_id("funding-status")).to_have_text("Loan approved")

    # Out of order is not offered; a signature before the approval is refused in the panel.
    panel.get_by_text("Certificate signed", exact=True).first.click()
    panel.get_by_label("Certificate signed on").fill(f"{today - timedelta(days=40):%Y-%m-%d}")
    panel.get_by_role("button", name="Certificate signed").click()
    expect(panel.get_by_text("cannot be signed before the loan was approved")).to_be_visible()
    panel.get_by_label("Certificate signed on").fill(f"{today - timedelta(days=9):%Y-%m-%d}")
    panel.get_by_role("button", name="Certificate signed").click()
    expect(panel.get_by_test_id("funding-status")).to_have_text("Completion certificate signed")

    panel.get_by_text("Funding requested", exact=True).first.click()
    panel.get_by_label("Requested on").fill(f"{today - timedelta(days=8):%Y-%m-%d}")
    panel.get_by_role("button", name="Funding requested").click()
    expect(panel.get_by_test_id("funding-status")).to_have_text("Funding requested")

    panel.get_by_text("Funding received", exact=True).first.click()
    panel.get_by_label("Funded amount (credited to the customer)").fill("8200.00")
    panel.get_by_label("Dealer fee (kept by the finance company)").fill("287.00")
    panel.get_by_role("button", name="Funding received").click()
    expect(panel.get_by_test_id("funding-status")).to_have_text("Funded")
    expect(panel.get_by_test_id("funding-fee")).to_contain_text("$287.00")
    expect(panel.get_by_test_id("funding-difference")).to_have_text("Matches")

    funding = FinanceFunding.objects.get(job=job)
    assert funding.net_received == Decimal("7913.00")
    assert Job.objects.get(pk=job.pk).status == JobStatus.CLOSED
    page.reload()
    expect(page.get_by_test_id("payments-panel").get_by_test_id("job-balance")).to_have_text("Paid")
    # The payment's page, the list and the fundings page run under the style and script policy too.
    page.get_by_test_id("payments-panel").get_by_test_id("job-payment").click()
    expect(page.get_by_test_id("payment-status")).to_have_text("Not reconciled")
    page.goto(f"{live_server_url}/billing/payments/")
    expect(page.get_by_test_id("payment-row")).to_have_count(1)
    page.goto(f"{live_server_url}/billing/fundings/?status=funded")
    expect(page.get_by_test_id("funding-row")).to_have_count(1)
    page.goto(f"{live_server_url}/billing/customers/{job.customer_id}/payments/record/")
    expect(page.get_by_test_id("payment-record-form")).to_be_visible()
    violations.check(page)
