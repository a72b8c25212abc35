"""A visit dragged to another crew and day after the evening page-out: the board says who will be told,
the customer and both crews get one update each, and the Page-outs list shows the page went stale."""

from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect

from notifications.choices import Channel, MessageKind, MessageStatus
from notifications.models import Message
from notifications.services import confirmation_sweep, page_out_sweep
from people.choices import EmployeeRole
from tests.browser.helpers import DESKTOP, PHONE, sign_in
from tests.jobs.factories import CustomerFactory, UserFactory
from tests.notifications.factories import visit_on
from tests.scheduling.factories import CrewFactory, EmployeeFactory

# A Tuesday evening, after the page-out: Wednesday's customers are asked and its crews paged.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.company_time("2026-12-01 18:00", tick=True),
]


def crew(name: str, first: str, phone: str):
    lead = EmployeeFactory(
        role=EmployeeRole.LEAD_INSTALLER, phone=f"(559) 555-{phone}1", user=UserFactory(first_name=first)
    )
    helper = EmployeeFactory(phone=f"(559) 555-{phone}2", user=UserFactory(first_name=f"{first}o"))
    return CrewFactory(name=name, lead=lead, members=[helper])


def drag(page: Page, block, cell) -> None:
    """A real pointer drag from the block's middle (on a phone the week's blocks are narrow) to the cell's."""
    box, target = block.bounding_box(), cell.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 3, y + 8, steps=4)
    page.mouse.move(target["x"] + target["width"] / 2, target["y"] + target["height"] / 2, steps=12)
    page.mouse.up()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "360px"])
def test_a_visit_dragged_after_the_page_out_tells_the_customer_and_both_crews_once(
    page: Page, live_server_url, coordinator, company_clock, viewport
):
    wednesday = company_clock.tomorrow
    thursday = wednesday + timedelta(days=1)
    red, blue = crew("Red", "Rita", "021"), crew("Blue", "Bart", "022")
    visit = visit_on(wednesday, hour=8, crew=red, customer=CustomerFactory(name="Ana Ruiz"))
    visit_on(thursday, hour=13, crew=blue)
    confirmation_sweep(day=wednesday)
    page_out_sweep(day=wednesday)
    page_out_sweep(day=thursday)
    assert not Message.objects.exclude(status__in=[MessageStatus.SENT, MessageStatus.SKIPPED]).exists()

    page.set_viewport_size(DESKTOP)
    sign_in(page, live_server_url, "coordinator")
    page.set_viewport_size(viewport)
    page.goto(f"{live_server_url}/scheduling/board/?date={wednesday.isoformat()}")
    block = page.locator(f'.visit-block[data-visit="{visit.pk}"]')
    block.scroll_into_view_if_needed()
    expect(block).to_be_visible()
    target = page.locator(f'.board-cell[data-row="crew-{blue.pk}"][data-day="{thursday.isoformat()}"]')
    target.scroll_into_view_if_needed()
    drag(page, block, target)

    toast = page.locator("#board-message")
    expect(toast).to_contain_text("moved to Blue")
    expect(toast).to_contain_text("Customer Ana Ruiz, crew Red (2 people) and crew Blue (2 people) will be told.")

    updates = Message.objects.filter(kind__in=[MessageKind.VISIT_CHANGE, MessageKind.PAGE_UPDATE])
    expected = {
        (MessageKind.VISIT_CHANGE, "Ana Ruiz", thursday),
        *((MessageKind.PAGE_UPDATE, str(person), wednesday) for person in [red.lead, *red.members.all()]),
        *((MessageKind.PAGE_UPDATE, str(person), thursday) for person in [blue.lead, *blue.members.all()]),
    }
    assert sorted(updates.values_list("kind", "recipient_name", "for_date", "channel")) == sorted(
        (*row, channel) for row in expected for channel in Channel.values
    )
    assert set(updates.values_list("status", flat=True)) == {MessageStatus.SENT}

    page.goto(f"{live_server_url}/notifications/page-outs/?day={wednesday.isoformat()}")
    changed = page.get_by_test_id("page-changed")
    expect(changed).to_have_count(2)
    expect(changed.first).to_contain_text("Changed after the page — update sent at")
    page.get_by_role("button", name="Read what was sent").first.click()
    expect(page.get_by_test_id("page-messages")).to_contain_text("Updated page")
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
