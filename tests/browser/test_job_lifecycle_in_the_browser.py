"""A job's status follows its facts in a real browser: Installed only once its visit is completed, and a
cancelled job's visit gone from the dispatch board and from the installer's phone."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from installops.clock import company_date
from jobs.choices import JobKind, JobStatus
from scheduling.choices import VisitStatus
from scheduling.services import visit_set_dispatch_status
from tests.browser.helpers import SIZES, sign_in
from tests.lifecycle_facts import job_with_facts

# Nine in the morning: the day's visit started half an hour ago.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.company_time("09:00", tick=True),
]


def todays_job(installer, customer: str, *, kind=JobKind.WARRANTY):
    job = job_with_facts(JobStatus.SCHEDULED, kind=kind, customer__name=customer)
    now = timezone.now()
    job.visits.update(crew=installer.crew, starts_at=now - timedelta(minutes=30), ends_at=now + timedelta(hours=3))
    return job, job.visits.get()


def day_text(visit) -> str:
    day = company_date(visit.starts_at)
    return f"{day:%a %b} {day.day}"


@pytest.mark.parametrize("size", SIZES)
def test_a_job_is_installed_only_once_its_visit_is_completed(page: Page, live_server_url, coordinator, installer, size):
    job, visit = todays_job(installer, "Ruth Alvarez")
    page.set_viewport_size(SIZES[size])
    sign_in(page, live_server_url, "coordinator")
    page.goto(f"{live_server_url}{job.get_absolute_url()}")

    # Nothing is chosen until the coordinator picks; the page says what Installed still needs.
    expect(page.get_by_label("Move to")).to_have_value("")
    expect(page.locator('[data-move="installed"]')).to_contain_text(f"the visit of {day_text(visit)} completed")
    page.get_by_label("Move to").select_option("installed")
    page.get_by_role("button", name="Change status").click()
    expect(page.get_by_text("Installed needs: the visit of")).to_be_visible()
    expect(page.get_by_label("Move to")).to_have_value("installed")  # the choice is kept
    job.refresh_from_db()
    assert job.status == JobStatus.SCHEDULED
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0

    # The crew finishes the work (what the phone's "Completed" button calls).
    visit_set_dispatch_status(visit=visit, to_status=VisitStatus.COMPLETED, by=installer)

    page.goto(f"{live_server_url}{job.get_absolute_url()}")
    expect(page.locator(".badge.status-installed").first).to_have_text("Installed")
    expect(page.get_by_text(f"Visit of {day_text(visit)} completed")).to_be_visible()


@pytest.mark.parametrize("size", SIZES)
def test_a_cancelled_jobs_visit_leaves_the_board_and_the_installers_phone(
    page: Page, browser: Browser, live_server_url, coordinator, installer, size
):
    job, visit = todays_job(installer, "Cancel Me", kind=JobKind.INSTALL)
    phone = browser.new_context(viewport=SIZES["phone"], is_mobile=True, has_touch=True).new_page()
    sign_in(phone, live_server_url, "installer")
    card = phone.get_by_test_id("visit-card").filter(has_text="Cancel Me")
    expect(card).to_be_visible()

    page.set_viewport_size(SIZES[size])
    sign_in(page, live_server_url, "coordinator")
    page.goto(f"{live_server_url}/scheduling/board/?date={company_date(visit.starts_at).isoformat()}")
    expect(page.locator(f'.visit-block[data-visit="{visit.pk}"]')).to_have_count(1)

    page.goto(f"{live_server_url}{job.get_absolute_url()}")
    page.get_by_label("Move to").select_option("cancelled")
    page.get_by_label("Note", exact=True).fill("Customer sold the house")
    page.get_by_role("button", name="Change status").click()
    expect(page.get_by_text("is now cancelled")).to_be_visible()

    page.goto(f"{live_server_url}/scheduling/board/?date={company_date(visit.starts_at).isoformat()}")
    expect(page.locator(f'.visit-block[data-visit="{visit.pk}"]')).to_have_count(0)
    phone.reload()
    expect(phone.get_by_test_id("visit-card").filter(has_text="Cancel Me")).to_have_count(0)
    visit.refresh_from_db()
    assert visit.status == VisitStatus.CANCELLED
    phone.context.close()
