"""A coordinator drags a visit on the board in a real browser: saved when allowed, snapped back when not."""

from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect

from scheduling.models import Visit
from tests.browser.helpers import sign_in
from tests.scheduling.factories import CrewFactory, VisitFactory, local_dt, next_weekday

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1440, "height": 900}


def drag(page: Page, block, cell) -> None:
    """A real pointer drag: press, move in steps (SortableJS needs to see the movement), release."""
    box = block.bounding_box()
    target = cell.bounding_box()
    page.mouse.move(box["x"] + 20, box["y"] + 10)
    page.mouse.down()
    page.mouse.move(box["x"] + 30, box["y"] + 20, steps=4)
    page.mouse.move(target["x"] + target["width"] / 2, target["y"] + target["height"] / 2, steps=12)
    page.mouse.up()


def test_dragging_a_visit_to_another_crew_and_day_saves_it(page: Page, live_server_url, coordinator):
    # The day after, so both sit in the week the board opens on, whatever today is.
    tuesday = next_weekday(1)
    wednesday = tuesday + timedelta(days=1)
    crew_a, crew_b = CrewFactory(name="Crew Ortega"), CrewFactory(name="Crew Nguyen")
    visit = VisitFactory(
        crew=crew_a, job__customer__name="Drag Me", starts_at=local_dt(tuesday, 8), ends_at=local_dt(tuesday, 12)
    )
    busy = VisitFactory(
        crew=crew_b, job__customer__name="In The Way", starts_at=local_dt(tuesday, 9), ends_at=local_dt(tuesday, 15)
    )
    page.set_viewport_size(DESKTOP)
    sign_in(page, live_server_url, "coordinator")
    page.goto(f"{live_server_url}/scheduling/board/?date={tuesday.isoformat()}")

    block = page.locator(f'.visit-block[data-visit="{visit.pk}"]')
    expect(block).to_be_visible()

    # Onto Crew Nguyen the same Tuesday: refused, the block snaps back and the reason shows.
    drag(page, block, page.locator(f'.board-cell[data-row="crew-{crew_b.pk}"][data-day="{tuesday.isoformat()}"]'))
    expect(page.locator("#board-message")).to_contain_text("Crew Nguyen is already booked")
    expect(page.locator("#board-message")).to_contain_text(busy.job.number)
    home = page.locator(f'.board-cell[data-row="crew-{crew_a.pk}"][data-day="{tuesday.isoformat()}"]')
    expect(home.locator(f'.visit-block[data-visit="{visit.pk}"]')).to_be_visible()
    visit.refresh_from_db()
    assert visit.crew == crew_a

    # Onto Crew Nguyen on Wednesday: saved, and the board shows it there after its refresh.
    expect(page.locator(".visit-block.refused")).to_have_count(0)
    page.evaluate("document.getElementById('board-message').innerHTML = ''")
    target = f'.board-cell[data-row="crew-{crew_b.pk}"][data-day="{wednesday.isoformat()}"]'
    drag(page, page.locator(f'.visit-block[data-visit="{visit.pk}"]'), page.locator(target))
    expect(page.locator("#board-message")).to_contain_text("moved to Crew Nguyen")
    expect(page.locator(f'{target} .visit-block[data-visit="{visit.pk}"]')).to_be_visible()
    visit = Visit.objects.get(pk=visit.pk)
    assert (visit.crew, visit.starts_at, visit.ends_at) == (crew_b, local_dt(wednesday, 8), local_dt(wednesday, 12))
