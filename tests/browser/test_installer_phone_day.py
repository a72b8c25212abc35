"""An installer on a phone: my day, "on my way", a photo into the folder, and a weak signal."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from field.models import FieldNote
from jobs.models import Document
from tests.browser.helpers import sign_in
from tests.jobs.factories import JobFactory
from tests.jobs.files import add_document, image_bytes, pdf_bytes
from tests.lifecycle_facts import issue_permit
from tests.scheduling.factories import VisitFactory

# Nine in the morning: the day's visit started half an hour ago.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.company_time("09:00", tick=True),
]

PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, **PHONE}


@pytest.fixture
def todays_visit(installer):
    now = timezone.now()
    job = JobFactory(customer__name="Maria Garcia", customer__phone="(559) 555-0142")
    job.site.access_notes = "Gate code 4411#"
    job.site.save()
    add_document(job, "permit", pdf_bytes("Mechanical permit"), "permit.pdf", title="Mechanical permit")
    issue_permit(job)
    return VisitFactory(
        job=job, crew=installer.crew, starts_at=now - timedelta(minutes=30), ends_at=now + timedelta(hours=4)
    )


def test_an_installer_taps_on_my_way_and_adds_a_photo(page: Page, live_server_url, installer, todays_visit, tmp_path):
    sign_in(page, live_server_url, "installer")
    # Field staff start on "my day".
    expect(page.get_by_role("heading", name="Today")).to_be_visible()
    card = page.get_by_test_id("visit-card").filter(has_text="Maria Garcia")
    expect(card).to_be_visible()
    expect(card.get_by_role("link", name="Call (559) 555-0142")).to_have_attribute("href", "tel:5595550142")
    expect(card.get_by_text("Gate code 4411#")).to_be_visible()
    # Nothing is wider than the phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    card.get_by_text("Maria Garcia").click()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.get_by_role("button", name="On my way").click()
    expect(page.get_by_test_id("visit-status")).to_have_text("On my way")
    todays_visit.refresh_from_db()
    assert todays_visit.status == "on_my_way"
    assert todays_visit.on_my_way_at is not None

    expect(page.get_by_test_id("field-folder").get_by_text("Mechanical permit")).to_be_visible()
    photo = tmp_path / "IMG_0001.jpg"
    photo.write_bytes(image_bytes(3000, 2000, gps=True))
    page.get_by_label("Take a photo").set_input_files(str(photo))
    page.get_by_role("button", name="Add photo").click()
    expect(page.get_by_text("Photo added to the folder.")).to_be_visible()
    expect(page.get_by_test_id("photos").locator("img")).to_have_count(1)
    # The thumbnail is fetched after the page shows; wait for it rather than race it.
    thumbnail = page.get_by_test_id("photos").locator("img").element_handle()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=thumbnail)
    assert Document.objects.get(job=todays_visit.job, category="pictures").uploaded_by == installer

    # Bigger than a thumb: the main buttons are easy to hit.
    box = page.get_by_role("button", name="On site").bounding_box()
    assert box["height"] >= 48
    assert box["width"] >= 300


def test_without_signal_the_day_stays_readable_and_notes_wait_for_the_network(
    page: Page, live_server_url, installer, todays_visit
):
    sign_in(page, live_server_url, "installer")
    # "My day" saves the day's visit pages for offline use.
    page.wait_for_function("() => document.body.dataset.precached > 0", timeout=15_000)
    page.context.set_offline(True)
    page.get_by_text("Maria Garcia").click()
    expect(page.get_by_role("heading", name="Maria Garcia")).to_be_visible()
    expect(page.locator("#offline-banner")).to_contain_text("Offline")

    page.get_by_label("Note to the office").fill("Need a longer line set")
    page.get_by_role("button", name="Send note").click()
    expect(page.locator("#queue-banner")).to_contain_text("1 waiting to send: Note")
    assert not FieldNote.objects.exists()

    page.context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    expect(page.locator("#queue-banner")).to_be_hidden(timeout=10_000)
    page.wait_for_load_state()
    assert list(FieldNote.objects.values_list("text", flat=True)) == ["Need a longer line set"]


def test_another_crews_installer_is_refused(page: Page, live_server_url, other_installer, todays_visit):
    sign_in(page, live_server_url, "installer_b")
    expect(page.get_by_role("heading", name="Today")).to_be_visible()
    expect(page.get_by_text("Maria Garcia")).to_have_count(0)
    response = page.goto(f"{live_server_url}/field/visits/{todays_visit.pk}/")
    assert response.status == 404
    document = todays_visit.job.documents.first()
    response = page.goto(f"{live_server_url}/field/visits/{todays_visit.pk}/documents/{document.pk}/")
    assert response.status == 404


def test_the_customer_signs_on_the_phone_after_completion(page: Page, live_server_url, installer, todays_visit):
    sign_in(page, live_server_url, "installer")
    page.goto(f"{live_server_url}/field/visits/{todays_visit.pk}/")
    page.get_by_role("button", name="On site").click()
    expect(page.get_by_test_id("visit-status")).to_have_text("On site")
    page.get_by_role("button", name="Completed").click()
    page.get_by_role("dialog").get_by_role("button", name="Mark completed anyway").click()
    expect(page.get_by_test_id("visit-status")).to_have_text("Completed")
    page.get_by_role("link", name="Customer signs for completion").click()

    # Saving without a signature keeps the page and says what is missing.
    page.get_by_role("button", name="Save signature").click()
    expect(page.get_by_text("Ask the customer to sign.")).to_be_visible()

    pad = page.locator("#signature-pad")
    box = pad.bounding_box()
    page.mouse.move(box["x"] + 20, box["y"] + 150)
    page.mouse.down()
    for step in range(1, 12):
        page.mouse.move(box["x"] + 20 + step * 25, box["y"] + 150 - (step % 3) * 40)
    page.mouse.up()
    page.get_by_label("The customer confirms the work is complete").check()
    page.get_by_role("button", name="Save signature").click()
    expect(page.get_by_text("Signed by Maria Garcia; the completion certificate is in the folder.")).to_be_visible()
    expect(page.get_by_test_id("field-folder").get_by_text("Completion certificate")).to_be_visible()
