"""A coordinator applies for a job's permit and enters its number from the job page's permit panel,
each step swapped in place by htmx; a refused step stays in the panel with what was typed."""

from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect

from installops.clock import company_today
from permits.models import Permit
from tests.browser.helpers import SIZES, sign_in
from tests.jobs.factories import JobFactory
from tests.permits.factories import JurisdictionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.company_time("10:00")]


@pytest.mark.parametrize("size", SIZES)
def test_a_coordinator_applies_and_enters_the_number(page: Page, live_server_url, coordinator, size):
    JurisdictionFactory(name="City of Fresno", cities=["fresno"], typical_days_to_issue=12)
    job = JobFactory(customer__name="Patricia Lee")
    today = company_today()
    page.set_viewport_size(SIZES[size])
    sign_in(page, live_server_url, "coordinator")
    page.goto(f"{live_server_url}{job.get_absolute_url()}")

    panel = page.get_by_test_id("permit-panel")
    expect(panel.get_by_test_id("permit-status")).to_have_text("Needed")
    expect(panel.get_by_test_id("permit-jurisdiction")).to_contain_text("City of Fresno")
    panel.get_by_text("Start the permit", exact=True).first.click()
    panel.get_by_label("Fee ($)").fill("412.50")
    panel.get_by_label("Applied on").fill(f"{today - timedelta(days=3):%Y-%m-%d}")
    panel.get_by_role("button", name="Start the permit").click()
    expect(panel.get_by_test_id("permit-status")).to_have_text("Applied")
    expect(panel.get_by_test_id("permit-fee")).to_have_text("$412.50")

    # An issue date before the application is refused in the panel, the number kept.
    panel.get_by_text("Enter the permit number", exact=True).first.click()
    panel.get_by_label("Permit number").fill("B26-04417")
    panel.get_by_label("Issued on").fill(f"{today - timedelta(days=10):%Y-%m-%d}")
    panel.get_by_role("button", name="Enter the permit number").click()
    expect(panel.get_by_text("The issue date is before the application")).to_be_visible()
    expect(panel.get_by_label("Permit number")).to_have_value("B26-04417")

    panel.get_by_label("Issued on").fill(f"{today:%Y-%m-%d}")
    panel.get_by_role("button", name="Enter the permit number").click()
    expect(panel.get_by_test_id("permit-number")).to_have_text("B26-04417")
    expect(panel.get_by_test_id("permit-status")).to_have_text("Issued")
    assert Permit.objects.get(job=job).number == "B26-04417"
