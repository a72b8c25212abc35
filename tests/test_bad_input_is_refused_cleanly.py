"""Inputs that once answered 500: a NUL character, digits `str.isdigit()` accepts but `int()` refuses
(superscript two), and days at the ends of the calendar. Each is refused with a message, or ignored on
a page that then shows its default, and nothing is saved.
"""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from installops.date_window import date_window
from installops.errors import DomainError
from scheduling.choices import SubcontractorTrade
from scheduling.models import Subcontractor, SubcontractorBooking, TimeOff, Visit
from scheduling.services import subcontractor_booking_create
from tests.jobs.factories import JobFactory
from tests.notifications.factories import visit_on
from tests.scheduling.factories import CrewFactory, local_dt

# Friday 27 November 2026, 10:00 at the office.
pytestmark = [pytest.mark.django_db, pytest.mark.company_time("2026-11-27 10:00")]
TUESDAY = date(2026, 12, 1)
SUPERSCRIPT_TWO = "\u00b2"  # "²".isdigit() is True, int("²") raises
REFUSED_DAY = "Pick a day from Nov 27, 2024 to Nov 27, 2031."


@pytest.fixture
def objects(coordinator):
    crew = CrewFactory(name="Crew A")
    visit = visit_on(TUESDAY, crew=crew)
    return {
        "crew": crew,
        "visit": visit,
        "job": visit.job,
        "customer": visit.job.customer,
        "subcontractor": Subcontractor.objects.create(name="Valley Crane", trade=SubcontractorTrade.CRANE),
    }


def test_the_window_runs_two_years_back_and_five_ahead():
    assert date_window() == (date(2024, 11, 27), date(2031, 11, 27))


# A GET page given a refused parameter shows its default page and says what it ignored.
PAGES = [
    ("jobs:customer_list", "q=%00", "Search ignored: Null characters are not allowed."),
    ("scheduling:board", "date=9999-12-31", REFUSED_DAY),
    ("scheduling:board", "date=0001-01-01", REFUSED_DAY),
    ("scheduling:board", "date=2026-02-30&crew=%C2%B2", "Enter a valid date."),
    ("notifications:confirmation_worklist", "day=9999-12-31", REFUSED_DAY),
    ("notifications:confirmation_worklist", "day=0001-01-01", REFUSED_DAY),
    ("notifications:page_worklist", "day=9999-12-31", REFUSED_DAY),
    ("notifications:page_worklist", "day=0001-01-01", REFUSED_DAY),
]


@pytest.mark.parametrize(("name", "query", "message"), PAGES, ids=[f"{n}?{q}" for n, q, _ in PAGES])
def test_a_page_given_a_refused_parameter_shows_its_default_and_says_so(
    client_as, coordinator, objects, name, query, message
):
    response = client_as(coordinator).get(f"{reverse(name)}?{query}")
    assert response.status_code == 200
    assert message in response.content.decode()


def test_a_new_job_for_a_customer_id_in_superscript_digits_is_not_found(client_as, coordinator):
    response = client_as(coordinator).get(f"{reverse('jobs:job_create')}?customer={SUPERSCRIPT_TWO}")
    assert response.status_code == 404


def test_the_booking_page_ignores_a_prefill_it_cannot_read(client_as, coordinator, objects):
    url = reverse("scheduling:visit_book", args=[objects["job"].pk])
    response = client_as(coordinator).get(f"{url}?day=9999-12-31&start={SUPERSCRIPT_TWO}&crew={SUPERSCRIPT_TWO}")
    assert response.status_code == 200
    assert "9999" not in response.content.decode()


# The board's drop: every refusal is a JSON answer with the reason, and the visit stays where it was.
DROPS = [
    ({"override_reason": "\x00"}, "Null characters are not allowed."),
    ({"override_reason": "late\x1b[31m"}, "control character (U+001B)"),
    ({"hour": SUPERSCRIPT_TWO}, "Enter a whole number."),
    ({"hour": "24"}, "less than or equal to 23"),
    ({"row": f"crew-{SUPERSCRIPT_TWO}"}, "That is not a row on the board."),
    ({"row": "crew-99999999999999999999"}, "That is not a row on the board."),
    ({"day": "9999-12-31"}, REFUSED_DAY),
    ({"day": "0001-01-01"}, REFUSED_DAY),
]


@pytest.mark.parametrize(("change", "message"), DROPS, ids=[repr(change) for change, _ in DROPS])
def test_a_drop_with_a_refused_value_answers_why(client_as, coordinator, objects, change, message):
    visit = objects["visit"]
    data = {"row": f"crew-{objects['crew'].pk}", "day": (TUESDAY + timedelta(days=1)).isoformat(), **change}
    response = client_as(coordinator).post(reverse("scheduling:visit_move", args=[visit.pk]), data)
    assert response.status_code == 400
    assert response.json()["ok"] is False
    assert message in response.json()["message"]
    visit.refresh_from_db()
    assert visit.starts_at == local_dt(TUESDAY, 8)


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
def test_a_booking_at_either_end_of_the_calendar_is_refused(client_as, coordinator, objects, day):
    job = JobFactory()
    data = {"crew": objects["crew"].pk, "day": day, "start_time": "22:00", "estimated_hours": "8"}
    response = client_as(coordinator).post(reverse("scheduling:visit_book", args=[job.pk]), data)
    assert response.status_code == 400
    assert REFUSED_DAY in response.content.decode()
    assert not Visit.objects.filter(job=job).exists()


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
def test_time_off_at_either_end_of_the_calendar_is_refused(client_as, coordinator, objects, day):
    data = {"crew": objects["crew"].pk, "first_day": "2026-12-01", "last_day": day}
    response = client_as(coordinator).post(reverse("scheduling:time_off"), data)
    assert response.status_code == 400
    assert REFUSED_DAY in response.content.decode()
    assert not TimeOff.objects.exists()


def test_a_subcontractor_on_new_years_eve_of_9999_is_refused_not_stored_as_year_10000(client_as, coordinator, objects):
    job = objects["job"]
    data = {"subcontractor": objects["subcontractor"].pk, "day": "9999-12-31", "start_time": "22:00"}
    data["end_time"] = "23:00"
    response = client_as(coordinator).post(reverse("scheduling:subcontractor_booking_create", args=[job.pk]), data)
    assert response.status_code == 400
    assert REFUSED_DAY in response.content.decode()
    assert not SubcontractorBooking.objects.exists()
    # The job's visits panel still opens.
    assert client_as(coordinator).get(reverse("scheduling:job_visits_panel", args=[job.pk])).status_code == 200


def test_the_subcontractor_service_refuses_a_time_outside_the_window_too(coordinator, objects):
    starts_at = local_dt(date(9999, 12, 31), 22)
    with pytest.raises(DomainError) as refused:
        subcontractor_booking_create(
            job=objects["job"], subcontractor=objects["subcontractor"], starts_at=starts_at,
            ends_at=starts_at + timedelta(minutes=59), by=coordinator,
        )  # fmt: skip
    assert refused.value.field == "starts_at"
    assert not SubcontractorBooking.objects.exists()


def test_a_visit_rescheduled_to_the_year_1_is_refused_with_a_message(client_as, coordinator, objects):
    visit = objects["visit"]
    data = {"day": "0001-01-01", "start_time": "08:00", "reason": "Customer asked"}
    response = client_as(coordinator).post(reverse("scheduling:visit_reschedule", args=[visit.pk]), data)
    assert response.status_code == 400
    assert REFUSED_DAY in response.content.decode()
    assert "Customer asked" in response.content.decode()  # what was typed is kept
    visit.refresh_from_db()
    assert visit.status == "scheduled"
    assert Visit.objects.count() == 1


def test_a_booking_at_the_end_of_the_window_cannot_run_past_it(client_as, coordinator, objects):
    """The last day at 22:00 for 200 hours: the end is outside the window, refused before any overflow."""
    job = JobFactory()
    data = {"crew": objects["crew"].pk, "day": "2031-11-27", "start_time": "22:00", "estimated_hours": "200"}
    response = client_as(coordinator).post(reverse("scheduling:visit_book", args=[job.pk]), data)
    assert response.status_code == 400
    assert not Visit.objects.filter(job=job).exists()
