"""The install administrator makes a permit packet on the job page, prints it, mails it, and the
packets-to-mail page no longer lists it."""

import pytest
from playwright.sync_api import Page, expect

from installops.models import PrintJob
from permits.choices import PacketStatus, PermitStatus
from permits.models import PermitPacket
from tests.browser.helpers import DESKTOP, PHONE, sign_in
from tests.jobs.factories import JobFactory
from tests.permits.factories import PermitFactory, PermitPacketFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.company_time("2026-12-01 09:00", tick=True),
]


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "360px"])
def test_a_coordinator_makes_prints_and_mails_the_packet(page: Page, live_server_url, coordinator, viewport):
    job = JobFactory(customer__name="Patricia Lee")
    permit = PermitFactory(job=job, status=PermitStatus.ISSUED, number="BLD-2026-0042")
    waiting = PermitPacketFactory(permit__job__customer__name="Omar Haddad")
    page.set_viewport_size(viewport)
    sign_in(page, live_server_url, "coordinator")

    page.goto(f"{live_server_url}{job.get_absolute_url()}")
    panel = page.get_by_test_id("packet-panel")
    panel.get_by_role("button", name="Make packet").click()
    expect(panel.get_by_test_id("packet-download")).to_be_visible(timeout=20_000)
    response = page.request.get(live_server_url + panel.get_by_test_id("packet-download").get_attribute("href"))
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")

    panel.get_by_role("button", name="Print").click()
    expect(panel).to_contain_text("sent to the printer")
    assert PrintJob.objects.get().label.startswith("Permit packet BLD-2026-0042")

    page.goto(f"{live_server_url}/permits/packets/to-mail/")
    expect(page.get_by_test_id("packet-row")).to_have_count(2)
    page.get_by_label("Mailed: Patricia Lee").check()
    page.get_by_role("button", name="Mark checked mailed").click()
    expect(page.get_by_text("1 packet(s) recorded as mailed.")).to_be_visible()
    expect(page.get_by_test_id("packet-row")).to_have_count(1)
    expect(page.get_by_test_id("packet-row")).to_contain_text("Omar Haddad")

    packet = PermitPacket.objects.get(permit=permit)
    assert packet.status == PacketStatus.DONE
    assert packet.mailed_by == coordinator
    assert waiting.pk != packet.pk
