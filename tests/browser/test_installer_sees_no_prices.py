"""An installer looks through a job at the desk and on the phone: no price anywhere, not even in the
folder PDF, and no contract to open."""

import io
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from field import services as field_services
from tests.browser.helpers import SIZES
from tests.jobs.factories import JobFactory
from tests.jobs.files import add_document, image_bytes, pdf_bytes
from tests.scheduling.factories import VisitFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def job(installer, coordinator):
    job = JobFactory(customer__name="Patricia Lee", contract_amount=Decimal("16780.00"), rebates_note="$800 back")
    VisitFactory(job=job, crew=installer.crew)
    add_document(job, "pictures", image_bytes(), "unit.jpg", title="Old condenser")
    add_document(job, "permit", pdf_bytes("Mechanical permit M-4410"), "permit.pdf", title="Mechanical permit")
    add_document(job, "contract", pdf_bytes("Contract total $16,780.00"), "contract.pdf", title="Signed contract")
    add_document(job, "rebate", pdf_bytes("Rebate claim $800.00"), "rebate.pdf", title="Rebate claim")
    # The evening's field folder, printed by the office (the render itself runs here, not on a worker).
    render = field_services.job_folder_request_render(job=job, by=coordinator)
    field_services.job_folder_render(render_id=render.pk)
    return job


@pytest.mark.parametrize("size", SIZES)
def test_an_installer_sees_no_prices_anywhere(page: Page, live_server_url, installer, job, size):
    page.set_viewport_size(SIZES[size])
    page.goto(f"{live_server_url}/login/")
    page.get_by_label("Username").fill("installer")
    page.get_by_label("Password").fill("pass-for-tests-1")
    page.get_by_role("button", name="Sign in").click()

    page.goto(f"{live_server_url}/jobs/")
    expect(page.get_by_role("link", name=job.number)).to_be_visible()
    expect(page.get_by_role("columnheader", name="Contract")).to_have_count(0)
    assert "$" not in page.inner_text("main")
    assert "16,780" not in page.content()

    page.get_by_role("link", name=job.number).click()
    folder = page.locator("#folder")
    expect(folder.get_by_text("Mechanical permit")).to_be_visible()
    expect(folder.get_by_text("Signed contract")).to_have_count(0)
    expect(folder.get_by_text("Rebate claim")).to_have_count(0)
    expect(folder.get_by_text("stay in the office folder")).to_be_visible()
    download = page.get_by_test_id("folder-download")
    expect(download).to_be_visible()  # the folder panel has arrived
    expect(page.locator("#job-visits")).to_be_visible()  # and the visits panel
    body = page.inner_text("body")
    assert "$" not in body
    assert "16,780" not in body

    response = page.request.get(live_server_url + download.get_attribute("href"))
    assert response.headers["content-type"] == "application/pdf"
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.body())).pages)
    assert "Mechanical permit M-4410" in text
    assert "Patricia Lee" in text
    assert "$" not in text
    assert "16,780" not in text
    assert "Contract total" not in text
    assert "Rebate claim" not in text
    # Nothing is wider than the screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= SIZES[size]["width"]
