"""An installer's phone does not let a tap go wrong: status buttons only on the visit's day, "Completed"
asks first with what is missing, a saved copy says it may be stale, and a refused replay shows."""

import contextlib
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, expect

from scheduling.services import visit_cancel
from tests.browser.helpers import sign_in
from tests.jobs.factories import JobFactory
from tests.notifications.factories import visit_on
from tests.scheduling.factories import VisitFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.company_time("09:00", tick=True),
]

SIZES = {
    "desktop": {"viewport": {"width": 1280, "height": 900}},
    "phone": {
        "viewport": {"width": 360, "height": 740},
        "is_mobile": True,
        "has_touch": True,
        "device_scale_factor": 2,
    },
}


@pytest.fixture(params=list(SIZES))
def browser_context_args(browser_context_args, request):
    return {**browser_context_args, **SIZES[request.param]}


@pytest.fixture
def todays_visit(installer):
    now = timezone.now()
    job = JobFactory(customer__name="Maria Garcia", equipment_proposed="Carrier 24ACC636 condenser")
    return VisitFactory(
        job=job, crew=installer.crew, starts_at=now - timedelta(minutes=30), ends_at=now + timedelta(hours=4)
    )


@pytest.fixture
def tomorrows_visit(installer, company_clock):
    return visit_on(company_clock.tomorrow, crew=installer.crew, job=JobFactory(customer__name="Tom Tomorrow"))


def test_only_todays_visit_has_status_buttons_and_completed_asks_first(
    page: Page, live_server_url, installer, todays_visit, tomorrows_visit
):
    sign_in(page, live_server_url, "installer")
    page.get_by_text("Tom Tomorrow").click()
    expect(page.get_by_role("heading", name="Tom Tomorrow")).to_be_visible()
    expect(page.get_by_test_id("status-buttons").get_by_role("button")).to_have_count(0)
    expect(page.get_by_test_id("day-refusal")).to_contain_text("its status buttons work on that day")

    page.get_by_role("link", name="My day").click()
    page.get_by_text("Maria Garcia").click()
    buttons = page.get_by_test_id("status-buttons").get_by_role("button")
    expect(buttons).to_have_text(["On my way", "On site", "Completed"])
    page.get_by_role("button", name="Completed").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text("Still missing:")
    missing = dialog.get_by_role("listitem")
    expect(missing.first).to_have_text("4 photos")
    expect(missing.nth(1)).to_have_text("serial of “Carrier 24ACC636 condenser”")
    expect(missing.last).to_have_text("customer's signature")
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    dialog.get_by_role("button", name="Not yet").click()
    expect(dialog).to_be_hidden()
    todays_visit.refresh_from_db()
    assert todays_visit.status == "scheduled"

    page.get_by_role("button", name="Completed").click()
    dialog.get_by_role("button", name="Mark completed anyway").click()
    expect(page.get_by_test_id("visit-status")).to_have_text("Completed")
    expect(page.get_by_text("Completed at")).to_be_visible()
    todays_visit.refresh_from_db()
    assert todays_visit.status == "completed"


def test_a_saved_copy_says_so_and_offers_no_tap_the_server_would_refuse(
    page: Page, live_server_url, installer, coordinator, todays_visit
):
    sign_in(page, live_server_url, "installer")
    page.wait_for_function("() => document.body.dataset.precached > 0", timeout=15_000)
    expect(page.get_by_test_id("saved-copy")).to_be_hidden()
    page.context.set_offline(True)
    page.get_by_text("Maria Garcia").click()
    expect(page.get_by_test_id("saved-copy")).to_contain_text("Saved copy from")
    expect(page.get_by_test_id("saved-copy")).to_contain_text("may be out of date")

    # A tap without signal waits; the steps before it are gone from the page.
    page.get_by_role("button", name="On site").click()
    expect(page.locator("#queue-banner")).to_contain_text("1 waiting to send: On site")
    expect(page.get_by_role("button", name="On my way")).to_be_hidden()
    expect(page.get_by_role("button", name="On site (waiting to send)")).to_be_disabled()

    # The office calls the visit off meanwhile: back online, the tap is refused, and says so.
    visit_cancel(visit=todays_visit, by=coordinator, reason="Customer called in sick")
    page.context.set_offline(False)
    # The page may hear "online" by itself first and already be sending and reloading.
    with contextlib.suppress(PlaywrightError):
        page.evaluate("window.dispatchEvent(new Event('online'))")
    expect(page.get_by_text("“On site” not sent: A visit that is cancelled cannot be set")).to_be_visible(
        timeout=10_000
    )
    expect(page.get_by_test_id("refused-taps")).to_contain_text("Not applied: “On site”")


def test_a_saved_copy_opened_the_next_day_offers_no_status_buttons(
    page: Page, live_server_url, installer, todays_visit
):
    sign_in(page, live_server_url, "installer")
    page.wait_for_function("() => document.body.dataset.precached > 0", timeout=15_000)
    page.context.set_offline(True)
    page.clock.fast_forward("24:00:00")
    page.get_by_text("Maria Garcia").click()
    expect(page.get_by_test_id("saved-copy")).to_be_visible()
    expect(page.get_by_test_id("status-buttons").get_by_role("button")).to_have_count(0)
    expect(page.get_by_test_id("not-today")).to_be_visible()
