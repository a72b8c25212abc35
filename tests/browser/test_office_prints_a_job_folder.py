"""The office adds a file to a job's folder and prints the job folder, on a desktop browser."""

import pytest
from playwright.sync_api import Page, expect

from field.models import JobFolderRender
from jobs.models import RequiredPaperwork
from tests.jobs.factories import JobFactory
from tests.jobs.files import pdf_bytes
from tests.scheduling.factories import VisitFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_coordinator_uploads_paperwork_and_prints_the_folder(page: Page, live_server_url, coordinator, installer,
                                                              tmp_path):  # fmt: skip
    # Transactional tests start from an empty database: the paperwork rule is set up here.
    RequiredPaperwork.objects.get_or_create(job_kind="install", category="permit")
    job = JobFactory(customer__name="Patricia Lee")
    VisitFactory(job=job, crew=installer.crew)
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{live_server_url}/login/")
    page.get_by_label("Username").fill("coordinator")
    page.get_by_label("Password").fill("pass-for-tests-1")
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"{live_server_url}{job.get_absolute_url()}")
    expect(page.get_by_test_id("paperwork-missing")).to_contain_text("Permit")

    wrong = tmp_path / "permit.pdf"
    wrong.write_bytes(b"GIF89a not a pdf")
    page.get_by_label("Category").select_option("permit")
    page.get_by_label("File", exact=True).set_input_files(str(wrong))
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_text("not a PDF, JPEG, PNG or HEIC")).to_be_visible()

    permit = tmp_path / "permit.pdf"
    permit.write_bytes(pdf_bytes("Mechanical permit M-4410"))
    page.get_by_label("Category").select_option("permit")
    page.get_by_label("File", exact=True).set_input_files(str(permit))
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_text("added to the folder")).to_be_visible()
    expect(page.get_by_test_id("paperwork-missing")).to_have_count(0)

    panel = page.get_by_test_id("folder-field")
    panel.get_by_role("button", name="Print field folder").click()
    expect(panel.get_by_test_id("folder-download")).to_be_visible(timeout=20_000)
    response = page.request.get(live_server_url + panel.get_by_test_id("folder-download").get_attribute("href"))
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")
    assert JobFolderRender.objects.get(job=job).status == "done"
