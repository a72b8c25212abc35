"""Next free slots (skills, working hours, time off, visits in the way) and callbacks per crew."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from jobs.choices import JobKind
from scheduling import selectors
from scheduling.models import BookingDefault, EquipmentRule, Skill, TimeOff
from tests.jobs.factories import JobFactory
from tests.scheduling.factories import CrewFactory, VisitFactory, local_dt

# Friday 27 November 2026, 10:00 at the office: the visits are booked into the week after.
pytestmark = [pytest.mark.django_db, pytest.mark.company_time("2026-11-27 10:00")]
MONDAY = date(2026, 11, 30)


@pytest.fixture
def split_systems():
    return Skill.objects.get(name="Split systems")


def test_the_estimate_comes_from_the_kind_and_the_equipment():
    job = JobFactory(kind=JobKind.INSTALL, equipment_proposed="Goodman 5-ton AC\nCrane lift to roof")
    estimate = selectors.booking_estimate_for_job(job)
    assert estimate.hours == Decimal("10")  # 8 for an install + 2 for the crane
    assert {skill.name for skill in estimate.skills} == {"Split systems", "Crane sets"}


def test_only_crews_with_every_skill_are_suggested_earliest_first(split_systems):
    able = CrewFactory(name="Able")
    able.skills.add(split_systems)
    CrewFactory(name="Unskilled")
    job = JobFactory(kind=JobKind.INSTALL, equipment_proposed="Carrier AC")

    slots = selectors.visit_suggest_slots(job=job, first_day=MONDAY, count=3)

    assert [slot.crew.name for slot in slots] == ["Able", "Able", "Able"]
    assert slots[0].starts_at == local_dt(MONDAY, 7)
    assert slots[0].ends_at == local_dt(MONDAY, 15)
    assert slots[1].starts_at.date() > slots[0].starts_at.date()


def test_booked_time_and_time_off_are_skipped(split_systems):
    crew = CrewFactory(name="Busy")
    crew.skills.add(split_systems)
    VisitFactory(crew=crew, starts_at=local_dt(MONDAY, 7), ends_at=local_dt(MONDAY, 17))
    TimeOff.objects.create(
        crew=crew, starts_at=local_dt(MONDAY + timedelta(days=1), 0), ends_at=local_dt(MONDAY + timedelta(days=2), 0)
    )
    job = JobFactory(kind=JobKind.INSTALL, equipment_proposed="Carrier AC")

    (first,) = selectors.visit_suggest_slots(job=job, first_day=MONDAY, count=1)
    assert first.starts_at == local_dt(MONDAY + timedelta(days=2), 7)


def test_a_short_call_fits_after_a_morning_visit():
    BookingDefault.objects.filter(kind=JobKind.WARRANTY).update(estimated_hours=Decimal("2"))
    crew = CrewFactory()
    VisitFactory(crew=crew, starts_at=local_dt(MONDAY, 7), ends_at=local_dt(MONDAY, 10, 15))
    job = JobFactory(kind=JobKind.WARRANTY, equipment_proposed="")

    (first,) = selectors.visit_suggest_slots(job=job, first_day=MONDAY, count=1)
    assert (first.starts_at, first.ends_at) == (local_dt(MONDAY, 10, 30), local_dt(MONDAY, 12, 30))


def test_a_long_install_runs_over_working_days():
    end = selectors.visit_block_for_hours(
        crew=None, starts_at=local_dt(MONDAY + timedelta(days=4), 7), hours=Decimal("16")
    )
    # Friday 7–5 is ten hours; the other six go on Monday (the weekend is skipped).
    assert end == local_dt(MONDAY + timedelta(days=7), 13)


def test_callbacks_are_counted_against_the_crew_that_did_the_install():
    ortega, kim = CrewFactory(name="Ortega"), CrewFactory(name="Kim")
    install = JobFactory(kind=JobKind.INSTALL)
    VisitFactory(job=install, crew=ortega, status="closed_out")
    JobFactory(kind=JobKind.WARRANTY, original_job=install, customer=install.customer, site=install.site)
    JobFactory(kind=JobKind.FAILED_HERS, original_job=install, customer=install.customer, site=install.site)
    JobFactory(kind=JobKind.MAINTENANCE, original_job=install, customer=install.customer, site=install.site)

    counts = {crew.name: crew.callback_count for crew in selectors.crew_list_with_callback_counts()}
    assert counts == {"Kim": 0, "Ortega": 2}
    callback = install.callbacks.filter(kind=JobKind.WARRANTY).get()
    assert selectors.crew_of_original_install(callback) == ortega
    assert kim.pk


def test_equipment_rules_are_matched_in_any_case():
    EquipmentRule.objects.create(keyword="Attic", extra_hours=Decimal("1.5"))
    job = JobFactory(kind=JobKind.INSTALL, equipment_proposed="furnace in the ATTIC")
    assert selectors.booking_estimate_for_job(job).hours == Decimal("9.5")
