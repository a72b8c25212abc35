"""Accounting chases a past-due balance in a real browser, under the app's Content-Security-Policy: the
aging shows the customer, the collections list leads to the account, and a promise to pay is logged by
htmx without leaving the page and shows on the list."""

from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect

from billing.models import CollectionNote
from installops.clock import company_today
from tests.billing.ledger import apply, payment, posted_invoice
from tests.browser.helpers import SIZES, sign_in
from tests.browser.test_pages_under_the_csp import Violations
from tests.jobs.factories import CustomerFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.company_time("10:00", tick=True),
]


@pytest.mark.parametrize("size", SIZES)
def test_accounting_logs_a_promise_from_the_collections_list(page: Page, context, live_server_url, accounting, size):
    violations = Violations(context)
    page.set_viewport_size(SIZES[size])
    today = company_today()
    customer = CustomerFactory(name="Walt Overdue", phone="(559) 555-0199")
    invoice = posted_invoice(customer=customer, on=today - timedelta(days=50), due=today - timedelta(days=35),
                             total="2400.00")  # fmt: skip
    apply(payment(customer=customer, on=today - timedelta(days=30), amount="400.00"), invoice, "400.00")

    sign_in(page, live_server_url, "accounting")
    page.goto(f"{live_server_url}/billing/aging/")
    row = page.get_by_test_id("aging-row").filter(has_text="Walt Overdue")
    expect(row).to_contain_text("$2,000.00")
    page.goto(f"{live_server_url}/billing/collections/")
    collections_row = page.get_by_test_id("collection-row").filter(has_text="Walt Overdue")
    expect(collections_row).to_contain_text("35 days")
    expect(collections_row).to_contain_text("Never")
    collections_row.get_by_role("link", name="Walt Overdue").click()

    expect(page.get_by_test_id("balance")).to_have_text("$2,000.00")
    form = page.locator("#collection-note-form")
    form.get_by_label("How").select_option("call")
    form.get_by_label("What was said").fill("Will pay $1,000 on Friday, rest next month")
    form.get_by_label("Promised amount").fill("1000")
    form.get_by_label("Promised to pay by").fill((today + timedelta(days=3)).isoformat())
    form.get_by_role("button", name="Add to the log").click()

    log = page.locator("#collection-log")
    expect(log).to_contain_text("Will pay $1,000 on Friday")
    expect(log).to_contain_text("Promised")
    expect(page.locator("#collection-note-form textarea")).to_have_value("")
    assert CollectionNote.objects.filter(customer=customer, promised_amount=1000).exists()
    page.goto(f"{live_server_url}/billing/collections/")
    expect(page.get_by_test_id("collection-row").filter(has_text="Walt Overdue")).to_contain_text("Promised")
    violations.check(page)
