"""An inspection from the crew's request to the job's Inspected, in a real browser: the installer asks
for the final from the phone, the office books it on the job page, it fails, the correction job is
there to book, the re-inspection passes and the job becomes Inspected."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from installops.clock import company_today
from jobs.choices import JobKind, JobStatus
from permits.choices import InspectionStatus
from permits.models import Inspection
from tests.browser.helpers import SIZES, sign_in
from tests.lifecycle_facts import job_with_facts

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.company_time("14:00", tick=True),
]


def book(row, day: str, window: str) -> None:
    row.locator("summary", has_text="Book").click()
    row.locator('[name$="-scheduled_on"]').fill(day)
    row.locator('[name$="-window"]').fill(window)
    row.get_by_role("button", name="Save the booking").click()


@pytest.mark.parametrize("size", SIZES)
def test_a_failed_final_books_a_correction_and_the_passed_reinspection_makes_the_job_inspected(
    page: Page, browser: Browser, live_server_url, coordinator, installer, size
):
    job = job_with_facts(JobStatus.INSTALLED, kind=JobKind.INSTALL, customer__name="Nora Quintero")
    now = timezone.now()
    job.visits.update(crew=installer.crew, starts_at=now - timedelta(hours=5), ends_at=now - timedelta(hours=1))
    visit = job.visits.get()
    today = company_today().isoformat()

    phone = browser.new_context(viewport=SIZES["phone"], is_mobile=True, has_touch=True).new_page()
    sign_in(phone, live_server_url, "installer")
    phone.goto(f"{live_server_url}/field/visits/{visit.pk}/")
    phone.locator("summary", has_text="Ask the office to book an inspection").click()
    request_form = phone.locator('form[data-queue="Inspection request"]')
    request_form.locator('select[name="kind"]').select_option("final")
    request_form.locator('textarea[name="note"]').fill("Ready for final, side gate open")
    phone.get_by_role("button", name="Request inspection").click()
    expect(phone.get_by_test_id("job-inspections")).to_contain_text("Waiting for the office to book it")

    page.set_viewport_size(SIZES[size])
    sign_in(page, live_server_url, "coordinator")
    page.goto(f"{live_server_url}{job.get_absolute_url()}")
    panel = page.get_by_test_id("inspections-panel")
    expect(panel).to_contain_text("Ready for final, side gate open")
    first = Inspection.objects.get(job=job)
    row = page.locator(f"#inspection-{first.pk}")
    book(row, today, "8–12")
    expect(row.get_by_test_id("inspection-status")).to_have_text("Scheduled")

    # Failed: the corrections are required, and the notes typed are kept while they are missing.
    row.locator("summary", has_text="Record the result").click()
    row.locator('[name$="-result"]').select_option("failed")
    row.locator('[name$="-result_on"]').fill(today)
    row.locator('[name$="-notes"]').fill("Inspector R. Patel")
    row.get_by_role("button", name="Save the result").click()
    expect(row.get_by_text("Write what the inspector wants corrected.")).to_be_visible()
    expect(row.locator('[name$="-notes"]')).to_have_value("Inspector R. Patel")
    row.locator('[name$="-corrections"]').fill("Seal the return plenum")
    row.get_by_role("button", name="Save the result").click()
    expect(row.get_by_test_id("correction-job")).to_be_visible()
    first.refresh_from_db()
    assert first.status == InspectionStatus.FAILED
    assert first.correction_job.status == JobStatus.SOLD  # in the unscheduled queue, ready to book

    reinspection = first.reinspection
    row = page.locator(f"#inspection-{reinspection.pk}")
    book(row, today, "12–4")
    expect(row.get_by_test_id("inspection-status")).to_have_text("Scheduled")
    row.locator("summary", has_text="Record the result").click()
    row.locator('[name$="-result"]').select_option("passed")
    row.locator('[name$="-result_on"]').fill(today)
    row.get_by_role("button", name="Save the result").click()
    expect(row.get_by_test_id("inspection-status")).to_have_text("Passed")
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0

    page.reload()
    expect(page.locator(".badge.status-inspected").first).to_have_text("Inspected")

    phone.reload()
    expect(phone.get_by_test_id("job-inspections")).to_contain_text("Seal the return plenum")
