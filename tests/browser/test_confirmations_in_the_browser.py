"""The day-before loop in a real browser: the customer answers on a phone, the coordinator works the
call list, a crew member acknowledges the page, and the job page shows the messages."""

import pytest
from playwright.sync_api import Page, expect

from notifications import links
from notifications.models import ConfirmationEvent, CrewPage
from notifications.services import confirmation_sweep, page_out_sweep
from scheduling.choices import VisitStatus
from tests.browser.helpers import DESKTOP, PHONE, sign_in
from tests.jobs.factories import CustomerFactory
from tests.notifications.factories import visit_on

# The evening before the visits: after the 15:00 confirm-by hour, before the crews acknowledge their pages.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.company_time("18:00", tick=True),
]


def test_a_customer_asks_for_another_day_on_a_phone(page: Page, live_server_url):
    page.set_viewport_size(PHONE)
    visit = visit_on(customer=CustomerFactory(name="Maria Lopez"))
    page.goto(live_server_url + links.visit_confirm_url(visit.pk).removeprefix("http://testserver"))

    expect(page.get_by_text("Your install appointment")).to_be_visible()
    page.get_by_label("Which days or times suit you better?").fill("Thursday morning, please")
    page.get_by_role("button", name="I need another day").click()

    expect(page.get_by_test_id("answer")).to_contain_text("We got your request for another day")
    expect(page.get_by_test_id("answer")).to_contain_text("Thursday morning, please")
    # Changing their mind: confirming is still one tap away.
    page.get_by_role("button", name="Yes, I'll be there").click()
    expect(page.get_by_test_id("answer")).to_contain_text("your appointment is confirmed")
    visit.refresh_from_db()
    assert visit.status == VisitStatus.CONFIRMED
    assert ConfirmationEvent.objects.filter(visit=visit).count() == 2


def test_an_expired_link_shows_a_friendly_page(page: Page, live_server_url):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server_url}/notifications/c/expired-or-broken/")
    expect(page.get_by_test_id("link-invalid")).to_contain_text("This link is no longer valid")


def test_the_coordinator_logs_calls_from_the_call_list(page: Page, live_server_url, coordinator):
    quiet = visit_on(hour=9, customer=CustomerFactory(name="Quiet Customer"))
    visit_on(hour=10, customer=CustomerFactory(name="No Phone Customer", phone="", alt_phone="", email=""))
    confirmation_sweep()
    page.set_viewport_size(DESKTOP)
    sign_in(page, live_server_url, "coordinator")
    page.get_by_role("button", name="Follow-up").click()
    page.get_by_role("link", name="Tomorrow's confirmations").click()

    call_list = page.locator("#call-list")
    expect(call_list).to_contain_text("No Phone Customer")
    expect(call_list).to_contain_text("No phone number on file")
    row = page.locator(f"#visit-{quiet.pk}")
    row.get_by_label("Call outcome").select_option("cancel_requested")
    row.get_by_role("button", name="Log call").click()
    expect(page.get_by_test_id("call-error")).to_have_text("Say why the customer cancels.")

    row = page.locator(f"#visit-{quiet.pk}")
    row.get_by_label("Call outcome").select_option("confirmed")
    row.get_by_label("Note").fill("Spoke to her husband")
    row.get_by_role("button", name="Log call").click()
    # Confirmed: off the call list at once, without a reload.
    expect(call_list.locator(f"#visit-{quiet.pk}")).to_have_count(0)
    expect(call_list).to_contain_text("No Phone Customer")
    quiet.refresh_from_db()
    assert quiet.status == VisitStatus.CONFIRMED

    # The job page shows the messages and the call, loaded from the messages panel.
    page.goto(f"{live_server_url}{quiet.job.get_absolute_url()}")
    expect(page.get_by_test_id("message-log")).to_contain_text("Day-before confirmation")
    expect(page.get_by_test_id("confirmation-events")).to_contain_text("Spoke to her husband")


def test_a_crew_member_acknowledges_the_page_on_a_phone(page: Page, live_server_url, installer):
    visit_on(crew=installer.crew, customer=CustomerFactory(name="First Call Customer"))
    page_out_sweep()
    crew_page = CrewPage.objects.get(employee=installer.employee)
    page.set_viewport_size(PHONE)
    page.goto(live_server_url + links.page_acknowledge_url(crew_page.pk).removeprefix("http://testserver"))

    expect(page.get_by_text("First Call Customer")).to_be_visible()
    page.get_by_role("button", name="Got it").click()
    expect(page.get_by_test_id("acknowledged")).to_be_visible()
    crew_page.refresh_from_db()
    assert crew_page.acknowledged_at is not None
