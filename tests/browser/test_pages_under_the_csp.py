"""The main pages, driven in Chromium under the app's Content-Security-Policy, report no violation.

A blocked inline script, handler or style attribute, or an eval by htmx, shows as a
`securitypolicyviolation` event and as a console error; either fails the test.
"""

import time
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import BrowserContext, Page, expect

from jobs.models import Document
from scheduling.models import Visit
from tests.browser.helpers import SIZES, sign_in
from tests.browser.test_dispatch_board_drag import drag
from tests.jobs.factories import JobFactory, UserFactory
from tests.jobs.files import add_document, pdf_bytes
from tests.lifecycle_facts import issue_permit
from tests.scheduling.factories import CrewFactory, VisitFactory, local_dt, next_weekday

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.company_time("09:00", tick=True),
]

# Installed before any page script: keeps every violation of every page the context opens.
RECORD_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", function (event) {
  var seen = JSON.parse(sessionStorage.getItem("csp-violations") || "[]");
  seen.push(event.violatedDirective + " " + (event.blockedURI || "inline") + " at " + location.pathname);
  sessionStorage.setItem("csp-violations", JSON.stringify(seen));
});
"""


class Violations:
    def __init__(self, context: BrowserContext):
        self.console: list[str] = []
        context.add_init_script(RECORD_VIOLATIONS)
        context.on("console", self._console)

    def _console(self, message) -> None:
        if message.type == "error" and ("Content Security Policy" in message.text or "Refused to" in message.text):
            self.console.append(message.text)

    def check(self, page: Page) -> None:
        events = page.evaluate("JSON.parse(sessionStorage.getItem('csp-violations') || '[]')")
        assert events == [], events
        assert self.console == [], self.console


@pytest.fixture
def violations(context):
    return Violations(context)


@pytest.mark.parametrize("size", SIZES)
def test_office_pages_and_the_board_drag_run_under_the_csp(page: Page, live_server_url, coordinator, violations, size):
    tuesday = next_weekday(1)
    crew = CrewFactory(name="Crew Ortega")
    visit = VisitFactory(
        crew=crew, job__customer__name="Drag Me", starts_at=local_dt(tuesday, 8), ends_at=local_dt(tuesday, 12)
    )
    add_document(visit.job, "permit", pdf_bytes("Mechanical permit"), "permit.pdf", title="Mechanical permit")
    page.set_viewport_size(SIZES[size])

    sign_in(page, live_server_url, "coordinator")
    page.goto(f"{live_server_url}/jobs/")
    expect(page.get_by_role("heading", name="Jobs")).to_be_visible()
    page.goto(f"{live_server_url}{visit.job.get_absolute_url()}")
    # The job page's panels arrive by htmx after the page shows.
    expect(page.get_by_text("Mechanical permit").first).to_be_visible()
    page.wait_for_load_state("networkidle")
    violations.check(page)

    page.set_viewport_size(SIZES["desktop"])  # the board is a desktop page; dragging needs its width
    page.goto(f"{live_server_url}/scheduling/board/?date={tuesday.isoformat()}")
    board = page.locator(".board")
    expect(board).to_be_visible()
    # The grid's column count comes through the CSSOM, not an inline style.
    assert page.evaluate("getComputedStyle(document.querySelector('.board')).getPropertyValue('--columns')") == "7"
    wednesday = tuesday + timedelta(days=1)
    target = f'.board-cell[data-row="crew-{crew.pk}"][data-day="{wednesday.isoformat()}"]'
    drag(page, page.locator(f'.visit-block[data-visit="{visit.pk}"]'), page.locator(target))
    expect(page.locator("#board-message")).to_contain_text("moved")
    expect(page.locator(f'{target} .visit-block[data-visit="{visit.pk}"]')).to_be_visible()
    assert Visit.objects.get(pk=visit.pk).starts_at == local_dt(wednesday, 8)

    page.goto(f"{live_server_url}/scheduling/board/?view=day&date={wednesday.isoformat()}")
    block = page.locator(f'.visit-block[data-visit="{visit.pk}"]')
    expect(block).to_be_visible()
    assert block.evaluate("b => b.style.getPropertyValue('--s')") == "4.0"
    violations.check(page)


@pytest.mark.parametrize("size", SIZES)
def test_the_phone_day_and_visit_page_run_under_the_csp(page: Page, live_server_url, installer, violations, size):
    now = timezone.now()
    job = JobFactory(customer__name="Maria Garcia")
    add_document(job, "permit", pdf_bytes("Mechanical permit"), "permit.pdf", title="Mechanical permit")
    issue_permit(job)
    VisitFactory(job=job, crew=installer.crew, starts_at=now - timedelta(minutes=30), ends_at=now + timedelta(hours=4))
    page.set_viewport_size(SIZES[size])

    sign_in(page, live_server_url, "installer")
    card = page.get_by_test_id("visit-card").filter(has_text="Maria Garcia")
    expect(card).to_be_visible()
    card.get_by_text("Maria Garcia").click()
    page.get_by_role("button", name="On my way").click()
    expect(page.get_by_test_id("visit-status")).to_have_text("On my way")
    expect(page.get_by_test_id("field-folder").get_by_text("Mechanical permit")).to_be_visible()
    page.wait_for_load_state("networkidle")
    violations.check(page)

    # The permit, served with a sandboxing CSP of its own, still opens in the browser's PDF viewer.
    page.get_by_test_id("field-folder").get_by_text("Mechanical permit").click()
    page.wait_for_url("**/documents/**")
    deadline = time.monotonic() + 30
    while not any(frame.url.startswith("chrome-extension://") for frame in page.frames):
        assert time.monotonic() < deadline, [frame.url for frame in page.frames]
        page.wait_for_timeout(200)


def test_django_admin_runs_under_the_csp(page: Page, live_server_url, violations):
    admin = UserFactory(username="admin", is_staff=True, is_superuser=True)
    job = JobFactory(customer__name="Maria Garcia")
    page.set_viewport_size(SIZES["desktop"])

    sign_in(page, live_server_url, "admin")
    for path in (
        "/admin/",
        "/admin/jobs/job/",
        f"/admin/jobs/job/{job.pk}/change/",
        f"/admin/jobs/job/{job.pk}/history/",
        f"/admin/auth/user/{admin.pk}/change/",
    ):
        page.goto(f"{live_server_url}{path}")
        expect(page.locator("#content")).to_be_visible()
        page.wait_for_load_state("networkidle")
    violations.check(page)


def test_taking_a_file_out_still_asks_first_without_an_inline_handler(
    page: Page, live_server_url, coordinator, violations
):
    job = JobFactory()
    document = add_document(job, "permit", pdf_bytes("Old permit"), "permit.pdf", title="Old permit")
    page.set_viewport_size(SIZES["desktop"])
    sign_in(page, live_server_url, "coordinator")
    page.goto(f"{live_server_url}{job.get_absolute_url()}")
    remove = page.get_by_title("Take out of the folder")
    expect(remove).to_be_visible()

    questions = []

    def answer(dialog, accept):
        questions.append(dialog.message)
        if accept:
            dialog.accept()
        else:
            dialog.dismiss()

    page.once("dialog", lambda dialog: answer(dialog, False))
    remove.click()
    expect(page.get_by_role("link", name="Old permit").first).to_be_visible()
    assert questions == ["Take this file out of the folder?"]
    assert Document.objects.filter(pk=document.pk).exists()

    page.once("dialog", lambda dialog: answer(dialog, True))
    remove.click()
    expect(page.get_by_title("Take out of the folder")).to_have_count(0)
    assert questions == ["Take this file out of the folder?"] * 2
    violations.check(page)


def test_picking_another_day_on_a_worklist_shows_it_without_an_inline_handler(
    page: Page, live_server_url, coordinator, violations
):
    other_day = timezone.localdate() + timedelta(days=3)
    page.set_viewport_size(SIZES["desktop"])
    sign_in(page, live_server_url, "coordinator")
    page.goto(f"{live_server_url}/notifications/confirmations/")

    page.get_by_label("Day").fill(other_day.isoformat())

    page.wait_for_url(f"**/notifications/confirmations/?day={other_day.isoformat()}")
    expect(page.get_by_label("Day")).to_have_value(other_day.isoformat())
    violations.check(page)
