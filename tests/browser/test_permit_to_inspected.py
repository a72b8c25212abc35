"""From the permit to an inspected job, every step clicked in a real browser: the coordinator applies for
the permit and enters its number, the board shows it on the install's block; the installer works the
visit and asks for the final inspection from the phone; the office books it, it fails, the correction
job is booked with the crew, the re-inspection passes and the job becomes Inspected.

The job has no Title 24 scope (title24=False), so the Title 24 gate on Inspected does not apply."""

import re
import time
from datetime import timedelta

import pytest
from playwright.sync_api import Browser, Page, expect

from installops.clock import at_company_time, company_today
from jobs.choices import JobKind, JobStatus
from jobs.models import Job
from permits.choices import InspectionStatus, PermitStatus
from permits.models import Inspection, Permit
from scheduling.choices import VisitStatus
from tests.browser.helpers import DESKTOP, PHONE, sign_in
from tests.jobs.factories import JobFactory
from tests.permits.factories import JurisdictionFactory
from tests.scheduling.factories import VisitFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# A Wednesday, a working day for the crew, at three times: mid-morning, before the install's 8 o'clock
# start, and late at night when the day in UTC is already the next one.
WEDNESDAY_AT = [
    pytest.param(f"2026-12-02 {clock}", marks=pytest.mark.company_time(f"2026-12-02 {clock}", tick=True), id=clock)
    for clock in ("10:00", "06:00", "23:30")
]

CUSTOMER = "Evelyn Castaneda"


@pytest.fixture(autouse=True)
def patient_expectations():
    """A long story of taps that reload the page: each step may wait longer than the usual five seconds."""
    expect.set_options(timeout=15_000)
    yield
    expect.set_options(timeout=5_000)


def install_booked_for_today(installer):
    """A sold change-out in Fresno booked for the installer's crew this morning, 8 to noon, no permit yet."""
    JurisdictionFactory(name="City of Fresno", cities=["fresno"], typical_days_to_issue=12)
    job = JobFactory(
        status=JobStatus.SCHEDULED,
        kind=JobKind.INSTALL,
        title24=False,
        customer__name=CUSTOMER,
        equipment_proposed="Carrier 24ACC636 condenser\nCarrier 59SC5 furnace",
    )
    today = company_today()
    visit = VisitFactory(
        job=job,
        crew=installer.crew,
        starts_at=at_company_time(today, "08:00"),
        ends_at=at_company_time(today, "12:00"),
        status=VisitStatus.SCHEDULED,
    )
    return job, visit


def phone_page(browser: Browser, browser_context_args):
    """The installer's phone: phone-sized, touch, the company's zone and the server's clock."""
    context = browser.new_context(**{**browser_context_args, "viewport": PHONE, "is_mobile": True, "has_touch": True})
    context.clock.install(time=time.time())
    return context.new_page()


def book_inspection(row, day: str, window: str) -> None:
    row.locator("summary", has_text="Book").click()
    row.locator('[name$="-scheduled_on"]').fill(day)
    row.locator('[name$="-window"]').fill(window)
    row.get_by_role("button", name="Save the booking").click()


def record_result(row, result: str, day: str, corrections: str = "") -> None:
    row.locator("summary", has_text="Record the result").click()
    row.locator('[name$="-result"]').select_option(result)
    row.locator('[name$="-result_on"]').fill(day)
    if corrections:
        row.locator('[name$="-corrections"]').fill(corrections)
    row.get_by_role("button", name="Save the result").click()


@pytest.mark.parametrize("moment", WEDNESDAY_AT)
def test_a_permit_follows_the_job_to_inspected(
    page: Page, browser: Browser, browser_context_args, live_server_url, coordinator, installer, moment
):
    job, visit = install_booked_for_today(installer)
    today = company_today()

    # Without an issued permit the crew cannot start the install: the phone says so.
    phone = phone_page(browser, browser_context_args)
    sign_in(phone, live_server_url, "installer")
    phone.get_by_test_id("visit-card").filter(has_text=CUSTOMER).get_by_text(CUSTOMER).click()
    expect(phone.get_by_role("heading", name=CUSTOMER)).to_be_visible()
    phone.get_by_role("button", name="On my way").click()
    expect(phone.get_by_text("“On my way” not sent: No issued permit for this job: ask the office.")).to_be_visible()
    expect(phone.get_by_test_id("refused-taps")).to_contain_text("Not applied: “On my way”")
    expect(phone.get_by_test_id("visit-status")).to_have_text("Scheduled")

    page.set_viewport_size(DESKTOP)
    sign_in(page, live_server_url, "coordinator")

    # The coordinator applies for the permit and enters its number on the job page.
    page.goto(f"{live_server_url}{job.get_absolute_url()}")
    permit_panel = page.get_by_test_id("permit-panel")
    expect(permit_panel.get_by_test_id("permit-status")).to_have_text("Needed")
    expect(permit_panel.get_by_test_id("permit-jurisdiction")).to_contain_text("City of Fresno")
    permit_panel.get_by_text("Start the permit", exact=True).first.click()
    permit_panel.get_by_label("Fee ($)").fill("385.00")
    permit_panel.get_by_label("Applied on").fill(f"{today - timedelta(days=6):%Y-%m-%d}")
    permit_panel.get_by_role("button", name="Start the permit").click()
    expect(permit_panel.get_by_test_id("permit-status")).to_have_text("Applied")
    expect(permit_panel.get_by_test_id("permit-fee")).to_have_text("$385.00")
    permit_panel.get_by_text("Enter the permit number", exact=True).first.click()
    permit_panel.get_by_label("Permit number").fill("B26-07731")
    permit_panel.get_by_label("Issued on").fill(f"{today - timedelta(days=1):%Y-%m-%d}")
    permit_panel.get_by_role("button", name="Enter the permit number").click()
    expect(permit_panel.get_by_test_id("permit-number")).to_have_text("B26-07731")
    expect(permit_panel.get_by_test_id("permit-status")).to_have_text("Issued")

    # The board's block of today's install carries the number.
    page.get_by_role("link", name="Board").first.click()
    block = page.locator(f'.visit-block[data-visit="{visit.pk}"]')
    expect(block.locator(".vb-customer")).to_have_text(CUSTOMER)
    expect(block.locator(".vb-permit")).to_have_text("Permit B26-07731")

    # With the number in, the installer works the visit and asks for the final inspection from the phone.
    phone.reload()
    phone.get_by_role("button", name="On my way").click()
    expect(phone.get_by_test_id("visit-status")).to_have_text("On my way")
    phone.get_by_role("button", name="On site").click()
    expect(phone.get_by_test_id("visit-status")).to_have_text("On site")
    phone.get_by_role("button", name="Completed").click()
    phone.get_by_role("dialog").get_by_role("button", name="Mark completed anyway").click()
    expect(phone.get_by_test_id("visit-status")).to_have_text("Completed")

    phone.locator("summary", has_text="Ask the office to book an inspection").click()
    request_form = phone.locator('form[data-queue="Inspection request"]')
    request_form.locator('select[name="kind"]').select_option("final")
    request_form.locator('textarea[name="note"]').fill("Final ready, side gate unlocked")
    phone.get_by_role("button", name="Request inspection").click()
    expect(phone.get_by_test_id("job-inspections")).to_contain_text("Waiting for the office to book it")
    assert phone.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0

    # The office books the final on the job page; it fails with corrections.
    page.goto(f"{live_server_url}{job.get_absolute_url()}")
    expect(page.locator(".badge.status-installed").first).to_have_text("Installed")
    panel = page.get_by_test_id("inspections-panel")
    final = panel.get_by_test_id("inspection").filter(has_text="Final ready, side gate unlocked")
    final_id = final.get_attribute("id")
    final = panel.locator(f"#{final_id}")
    book_inspection(final, today.isoformat(), "8–12")
    expect(final.get_by_test_id("inspection-status")).to_have_text("Scheduled")
    record_result(final, "failed", today.isoformat(), corrections="Strap the condenser disconnect")
    expect(final.get_by_test_id("inspection-status")).to_have_text("Failed, corrections")
    expect(final.get_by_test_id("inspection-corrections")).to_contain_text("Strap the condenser disconnect")
    correction_link = final.get_by_test_id("correction-job")
    expect(correction_link).to_have_text(re.compile(r"^Correction job \S+$"))
    correction_number = correction_link.inner_text().removeprefix("Correction job ")

    # The correction job is a callback on the install, booked with the crew this afternoon.
    correction_link.click()
    expect(page.locator("h1")).to_contain_text(correction_number)
    expect(page.get_by_text("Callback for")).to_be_visible()
    expect(page.get_by_role("link", name=job.number, exact=True)).to_be_visible()
    page.get_by_role("link", name="Book a visit").click()
    expect(page.get_by_role("heading", name=re.compile(f"^Book {re.escape(correction_number)}"))).to_be_visible()
    booking = page.locator("form", has=page.get_by_role("button", name="Book visit"))
    booking.locator('[name="crew"]').select_option(label=installer.crew.name)
    booking.locator('[name="day"]').fill(today.isoformat())
    booking.locator('[name="start_time"]').fill("13:00")
    booking.locator('[name="estimated_hours"]').fill("2")
    booking.locator('[name="window_start"]').fill("13:00")
    booking.locator('[name="window_end"]').fill("14:00")
    page.get_by_role("button", name="Book visit").click()
    expect(page.get_by_text(f"{correction_number} booked: {installer.crew.name}")).to_be_visible()
    correction_block = page.locator(".visit-block").filter(has_text=correction_number)
    expect(correction_block.locator(".vb-customer")).to_have_text(CUSTOMER)

    # Back on the install: the re-inspection is booked and passes; the job is Inspected.
    page.goto(f"{live_server_url}{job.get_absolute_url()}")
    panel = page.get_by_test_id("inspections-panel")
    expect(panel.get_by_test_id("correction-job")).to_contain_text(correction_number)
    reinspection = panel.get_by_test_id("inspection").filter(has_text="Re-inspection after the corrections")
    reinspection = panel.locator(f"#{reinspection.get_attribute('id')}")
    book_inspection(reinspection, today.isoformat(), "12–4")
    expect(reinspection.get_by_test_id("inspection-status")).to_have_text("Scheduled")
    record_result(reinspection, "passed", today.isoformat())
    expect(reinspection.get_by_test_id("inspection-status")).to_have_text("Passed")

    page.reload()
    expect(page.locator(".badge.status-inspected").first).to_have_text("Inspected")
    permit_panel = page.get_by_test_id("permit-panel")
    expect(permit_panel.get_by_test_id("permit-status")).to_have_text("Finaled")
    expect(permit_panel.get_by_test_id("permit-number")).to_have_text("B26-07731")

    phone.reload()
    expect(phone.get_by_test_id("job-inspections")).to_contain_text("Strap the condenser disconnect")
    expect(phone.get_by_test_id("job-inspections")).to_contain_text("Passed")

    # What the pages showed is what was recorded.
    job.refresh_from_db()
    assert job.status == JobStatus.INSPECTED
    assert Permit.objects.get(job=job).status == PermitStatus.FINALED
    assert list(Inspection.objects.filter(job=job).order_by("pk").values_list("status", flat=True)) == [
        InspectionStatus.FAILED,
        InspectionStatus.PASSED,
    ]
    correction = Job.objects.get(number=correction_number)
    assert (correction.kind, correction.original_job_id, correction.status) == (
        JobKind.CORRECTION,
        job.pk,
        JobStatus.SCHEDULED,
    )
    assert correction.visits.get().crew == installer.crew
    phone.context.close()
