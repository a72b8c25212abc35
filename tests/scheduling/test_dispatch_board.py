"""The dispatch board: what it shows, who may open it, and a query count that does not grow."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from jobs.choices import JobKind
from scheduling.choices import VisitStatus
from scheduling.models import Subcontractor, SubcontractorBooking, TimeOff
from tests.jobs.factories import JobFactory
from tests.scheduling.factories import CrewFactory, EmployeeFactory, VisitFactory, local_dt

# Friday 27 November 2026, 10:00 at the office: the visits are booked into the week after.
pytestmark = [pytest.mark.django_db, pytest.mark.company_time("2026-11-27 10:00")]
TUESDAY = date(2026, 12, 1)


def board(client, **params):
    params.setdefault("date", TUESDAY.isoformat())
    response = client.get(reverse("scheduling:board"), params)
    assert response.status_code == 200
    return response


def test_blocks_show_customer_city_kind_status_and_what_is_missing(client_as, coordinator):
    crew = CrewFactory(name="Crew Ortega")
    job = JobFactory(customer__name="Maria Garcia", site__city="Clovis", equipment_ordered_on=None)
    VisitFactory(job=job, crew=crew, starts_at=local_dt(TUESDAY, 8), ends_at=local_dt(TUESDAY, 16))

    html = board(client_as(coordinator)).content.decode()

    assert "Crew Ortega" in html
    assert "Maria Garcia" in html
    assert "Clovis · Install" in html
    assert "Scheduled" in html
    for flag in ("No permit number", "Equipment not ordered", "Not confirmed"):
        assert f'title="{flag}"' in html


def test_filters_by_kind_crew_and_status(client_as, coordinator):
    crew_a, crew_b = CrewFactory(name="Crew A"), CrewFactory(name="Crew B")
    install = VisitFactory(crew=crew_a, job__customer__name="Install Customer", starts_at=local_dt(TUESDAY, 8))
    warranty = VisitFactory(
        crew=crew_b, job__kind=JobKind.WARRANTY, job__customer__name="Warranty Customer",
        starts_at=local_dt(TUESDAY, 8), status=VisitStatus.CONFIRMED,
    )  # fmt: skip
    client = client_as(coordinator)

    html = board(client, kind="warranty").content.decode()
    assert "Warranty Customer" in html
    assert "Install Customer" not in html
    response = board(client, crew=crew_a.pk)
    assert [row.title for row in response.context["board"].rows] == ["Crew A"]
    assert "Install Customer" in response.content.decode()
    html = board(client, status="confirmed").content.decode()
    assert "Warranty Customer" in html
    assert "Install Customer" not in html
    assert install.pk
    assert warranty.pk


def test_day_view_subcontractors_and_time_off(client_as, coordinator):
    crew = CrewFactory(name="Crew Kim")
    VisitFactory(crew=crew, job__customer__name="Day Customer", starts_at=local_dt(TUESDAY, 9))
    sub = Subcontractor.objects.create(name="Valley Crane", trade="crane")
    SubcontractorBooking.objects.create(
        job=JobFactory(customer__name="Crane Customer"), subcontractor=sub,
        starts_at=local_dt(TUESDAY, 7), ends_at=local_dt(TUESDAY, 9),
    )  # fmt: skip
    TimeOff.objects.create(
        crew=crew, starts_at=local_dt(TUESDAY, 13), ends_at=local_dt(TUESDAY, 17), reason="Truck in the shop"
    )

    html = board(client_as(coordinator), view="day").content.decode()
    assert "Day Customer" in html
    assert 'data-hour="9"' in html
    assert "Valley Crane" in html
    assert "Crane Customer" in html
    assert "Off: Truck in the shop" in html


def test_todays_board_refreshes_itself_and_another_week_does_not(client_as, coordinator):
    client = client_as(coordinator)
    from django.utils import timezone

    assert "every 60s" in board(client, date=timezone.localdate().isoformat()).content.decode()
    assert (
        "every 60s" not in board(client, date=(timezone.localdate() + timedelta(days=21)).isoformat()).content.decode()
    )


def test_an_htmx_refresh_gets_only_the_grid(client_as, coordinator):
    response = client_as(coordinator).get(
        reverse("scheduling:board"), {"date": TUESDAY.isoformat()}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="board"
    )
    html = response.content.decode()
    assert 'class="board board-week' in html
    assert "<nav" not in html


def test_who_may_open_the_board(client_as, client, coordinator, accounting, installer, salesperson):
    assert client_as(coordinator).get(reverse("scheduling:board")).status_code == 200
    assert client_as(accounting).get(reverse("scheduling:board")).status_code == 200
    assert client_as(installer).get(reverse("scheduling:board")).status_code == 403
    assert client_as(salesperson).get(reverse("scheduling:board")).status_code == 403
    client.logout()
    assert client.get(reverse("scheduling:board")).status_code == 302


def test_accounting_sees_the_board_but_cannot_drag(client_as, accounting):
    VisitFactory(starts_at=local_dt(TUESDAY, 8))
    html = board(client_as(accounting)).content.decode()
    assert "board-editable" not in html


def _fill(crew_count: int, visits_per_crew: int) -> None:
    crews = [CrewFactory() for _ in range(crew_count)]
    EmployeeFactory(role="tech")
    monday = TUESDAY - timedelta(days=1)
    for crew in crews:
        for index in range(visits_per_crew):
            day = monday + timedelta(days=index % 5)
            hour = 7 + (index // 5) * 2
            VisitFactory(crew=crew, starts_at=local_dt(day, hour), ends_at=local_dt(day, hour + 2))


@pytest.mark.parametrize(("crews", "per_crew"), [(1, 5), (20, 10)])
@pytest.mark.parametrize("view", ["week", "day"])
def test_the_board_runs_the_same_few_queries_for_5_or_200_visits(
    client_as, coordinator, django_assert_max_num_queries, crews, per_crew, view
):
    _fill(crews, per_crew)
    client = client_as(coordinator)
    with django_assert_max_num_queries(12):
        response = board(client, view=view)
    assert response.context["board"].visit_count == (crews * per_crew if view == "week" else crews * (per_crew // 5))
