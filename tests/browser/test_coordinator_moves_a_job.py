"""A coordinator signs in, enters a sold job, and moves it through its first steps in a real browser."""

import pytest
from playwright.sync_api import Page, expect

from jobs.models import Job
from tests.browser.helpers import DESKTOP, PHONE, sign_in
from tests.jobs.factories import JobFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_coordinator_enters_a_sold_job_and_moves_it(page: Page, live_server_url, coordinator):
    page.set_viewport_size(DESKTOP)
    sign_in(page, live_server_url, "coordinator")
    expect(page.get_by_role("heading", name="Dispatch board")).to_be_visible()

    page.get_by_role("link", name="New sold job").first.click()
    page.get_by_label("Name").fill("Grace Whitmore")
    # Bad input first: no way to reach the customer, and a negative amount.
    page.get_by_label("Contract amount").fill("-10")
    page.locator("#id_site-street").fill("1420 W Shaw Ave")
    page.locator("#id_site-city").fill("Fresno")
    page.locator("#id_site-zip_code").fill("93711")
    page.get_by_label("Sold on").fill("2026-11-20")
    page.get_by_role("button", name="Save sold job").click()
    expect(page.get_by_text("Give a phone number or an email")).to_be_visible()
    expect(page.locator("#id_site-street")).to_have_value("1420 W Shaw Ave")

    page.get_by_label("Phone", exact=True).fill("(559) 555-0142")
    page.get_by_label("Contract amount").fill("13950")
    page.get_by_role("button", name="Save sold job").click()

    expect(page.get_by_text("entered for Grace Whitmore")).to_be_visible()
    expect(page.locator(".badge.status-sold").first).to_be_visible()

    # Nothing is chosen for them; scheduling without a booked visit needs a written reason.
    expect(page.get_by_label("Move to")).to_have_value("")
    page.get_by_label("Move to").select_option("scheduled")
    page.get_by_role("button", name="Change status").click()
    expect(page.get_by_text("Scheduled needs: a booked visit. Give a reason to move it anyway.")).to_be_visible()
    page.get_by_label("Reason to move it anyway").fill("Booked by phone, the visit is entered this afternoon")
    page.get_by_role("button", name="Change status").click()
    expect(page.get_by_text("is now scheduled")).to_be_visible()
    page.get_by_label("Move to").select_option("on_hold")
    page.get_by_role("button", name="Change status").click()
    expect(page.get_by_text("Say why the job is put on hold")).to_be_visible()
    # The job page's panels have notes of their own: the one of the status form.
    status_form = page.locator("form", has=page.get_by_role("button", name="Change status"))
    status_form.get_by_label("Note").fill("Customer waiting on financing approval")
    page.get_by_role("button", name="Change status").click()
    expect(page.get_by_text("is now on hold")).to_be_visible()
    expect(page.get_by_text("Customer waiting on financing approval")).to_be_visible()

    job = Job.objects.get(customer__name="Grace Whitmore")
    assert job.status == "on_hold"
    assert list(job.status_changes.values_list("to_status", flat=True)) == ["sold", "scheduled", "on_hold"]
    assert "Booked by phone" in job.status_changes.get(to_status="scheduled").note


def test_the_job_list_filters_and_reads_on_a_phone(page: Page, live_server_url, coordinator):
    JobFactory(customer__name="Phone Reader", status="ready")
    JobFactory(customer__name="Someone Else", status="sold")
    page.set_viewport_size(PHONE)
    sign_in(page, live_server_url, "coordinator")
    page.get_by_role("button", name="Menu").click()
    page.get_by_role("link", name="Jobs").click()
    # Typing before the page's scripts ran would send no search: wait for the page to finish loading.
    page.wait_for_url(f"{live_server_url}/jobs/", wait_until="load")

    page.get_by_label("Search").fill("phone reader")
    expect(page.get_by_text("Someone Else")).to_have_count(0)
    expect(page.get_by_role("cell", name="Phone Reader")).to_be_visible()
    # Nothing on the page is wider than the phone.
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
