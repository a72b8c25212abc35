from datetime import date, timedelta

import pytest

from installops.errors import DomainError
from jobs.choices import JobStatus
from scheduling.choices import VisitStatus
from scheduling.models import TimeOff, Visit, VisitStatusChange
from scheduling.services import BookingNeedsOverride, VisitClashError, visit_book, visit_cancel
from tests.jobs.factories import CustomerFactory, JobFactory, SiteFactory
from tests.scheduling.factories import CrewFactory, EmployeeFactory, local_dt, next_weekday

# Friday 27 November 2026, 10:00 at the office: the visits are booked into the week after.
pytestmark = [pytest.mark.django_db, pytest.mark.company_time("2026-11-27 10:00")]

TUESDAY = date(2026, 12, 1)


def book(job, crew, start_hour=8, end_hour=16, day=TUESDAY, **kwargs):
    kwargs.setdefault("by", None)
    return visit_book(
        job=job, crew=crew, starts_at=local_dt(day, start_hour), ends_at=local_dt(day, end_hour), **kwargs
    )


def test_booking_a_sold_job_schedules_it_and_records_who_booked_it(coordinator):
    job = JobFactory()
    crew = CrewFactory()

    visit = visit_book(
        job=job,
        crew=crew,
        starts_at=local_dt(TUESDAY, 8),
        ends_at=local_dt(TUESDAY, 16),
        arrival_window_start=local_dt(TUESDAY, 8),
        arrival_window_end=local_dt(TUESDAY, 10),
        notes="Bring the long ladder.",
        by=coordinator,
    )

    visit.refresh_from_db()
    assert (visit.status, visit.crew, visit.booked_by, visit.kind) == (
        VisitStatus.SCHEDULED,
        crew,
        coordinator,
        job.kind,
    )
    job.refresh_from_db()
    assert job.status == JobStatus.SCHEDULED
    assert job.status_changes.last().changed_by == coordinator
    (change,) = VisitStatusChange.objects.filter(visit=visit)
    assert (change.from_status, change.to_status, change.changed_by) == ("", VisitStatus.SCHEDULED, coordinator)
    assert visit.history.first().history_user == coordinator


def test_a_double_booking_is_refused_with_a_message_naming_the_visit_in_the_way(coordinator):
    crew = CrewFactory(name="Crew Ortega")
    customer = CustomerFactory(name="Maria Garcia")
    first_job = JobFactory(customer=customer, site=SiteFactory(customer=customer, city="Clovis"))
    first = book(first_job, crew, 8, 16, by=coordinator)

    with pytest.raises(VisitClashError) as refused:
        book(JobFactory(), crew, 12, 18, by=coordinator)

    message = refused.value.message
    assert "Crew Ortega is already booked" in message
    assert first_job.number in message
    assert "Maria Garcia" in message
    assert "Clovis" in message
    assert "8 am – 4 pm" in message
    assert f"{TUESDAY:%b} {TUESDAY.day}" in message
    assert refused.value.clashing_visit_id == first.pk
    assert Visit.objects.count() == 1


def test_a_refused_booking_leaves_the_job_and_its_history_untouched(coordinator):
    crew = CrewFactory()
    book(JobFactory(), crew, 8, 16)
    job = JobFactory()

    with pytest.raises(VisitClashError):
        book(job, crew, 9, 10, by=coordinator)

    job.refresh_from_db()
    assert job.status == JobStatus.SOLD
    assert not job.visits.exists()
    assert not job.status_changes.filter(to_status=JobStatus.SCHEDULED).exists()


def test_back_to_back_visits_and_other_crews_are_fine():
    crew = CrewFactory()
    book(JobFactory(), crew, 8, 12)
    book(JobFactory(), crew, 12, 16)
    book(JobFactory(), CrewFactory(), 8, 16)
    assert Visit.objects.count() == 3


def test_a_cancelled_visit_frees_the_crew(coordinator):
    crew = CrewFactory()
    first = book(JobFactory(), crew, 8, 16)
    visit_cancel(visit=first, by=coordinator, reason="Customer sold the house.")

    second = book(JobFactory(), crew, 8, 16)
    assert second.pk


def test_a_technician_is_never_double_booked_either():
    tech = EmployeeFactory(role="tech", user__first_name="Ben", user__last_name="Castillo")
    visit_book(
        job=JobFactory(), technician=tech, starts_at=local_dt(TUESDAY, 9), ends_at=local_dt(TUESDAY, 11), by=None
    )
    with pytest.raises(VisitClashError, match="Ben Castillo is already booked"):
        visit_book(
            job=JobFactory(), technician=tech, starts_at=local_dt(TUESDAY, 10), ends_at=local_dt(TUESDAY, 12), by=None
        )


def test_outside_working_hours_needs_a_reason_and_keeps_it(coordinator):
    crew = CrewFactory(name="Crew Kim")
    job = JobFactory()

    with pytest.raises(BookingNeedsOverride) as refused:
        book(job, crew, 6, 12, by=coordinator)
    assert "Crew Kim starts at 7 am on Tuesdays; this visit starts at 6 am" in refused.value.message
    assert refused.value.field == "override_reason"
    assert not Visit.objects.exists()

    visit = book(job, crew, 6, 12, by=coordinator, override_reason="Customer leaves for work at 7.")
    assert visit.override_reason == "Customer leaves for work at 7."


def test_a_saturday_or_time_off_warns_too(coordinator):
    crew = CrewFactory(name="Crew Kim")
    saturday = next_weekday(5)
    with pytest.raises(BookingNeedsOverride, match="Crew Kim does not work on Saturdays"):
        book(JobFactory(), crew, 8, 12, day=saturday)

    TimeOff.objects.create(
        employee=crew.lead,
        starts_at=local_dt(TUESDAY, 0),
        ends_at=local_dt(TUESDAY + timedelta(days=1), 0),
        reason="Dentist",
    )
    with pytest.raises(BookingNeedsOverride, match=r"is off .*\(Dentist\)"):
        book(JobFactory(), crew, 8, 12)


def test_a_multi_day_install_within_working_days_is_fine():
    crew = CrewFactory()
    monday = next_weekday(0)
    visit = visit_book(
        job=JobFactory(),
        crew=crew,
        starts_at=local_dt(monday, 8),
        ends_at=local_dt(monday + timedelta(days=2), 16),
        by=None,
    )
    assert visit.pk


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"starts_at": local_dt(TUESDAY, 12), "ends_at": local_dt(TUESDAY, 8)}, "ends_at"),
        (
            {
                "starts_at": local_dt(TUESDAY, 8),
                "ends_at": local_dt(TUESDAY, 12),
                "arrival_window_start": local_dt(TUESDAY, 7),
                "arrival_window_end": local_dt(TUESDAY, 9),
            },
            "arrival_window_start",
        ),
        (
            {
                "starts_at": local_dt(TUESDAY, 8),
                "ends_at": local_dt(TUESDAY, 12),
                "arrival_window_start": local_dt(TUESDAY, 8),
            },
            "arrival_window_start",
        ),
    ],
)
def test_impossible_times_are_refused_on_their_field(kwargs, field):
    with pytest.raises(DomainError) as refused:
        visit_book(job=JobFactory(), crew=CrewFactory(), by=None, **kwargs)
    assert refused.value.field == field


def test_a_closed_or_held_job_cannot_be_booked():
    for status in (JobStatus.CLOSED, JobStatus.ON_HOLD, JobStatus.CANCELLED):
        with pytest.raises(DomainError, match="cannot get a visit booked"):
            book(JobFactory(status=status), CrewFactory())


def test_a_visit_needs_a_crew_or_a_technician():
    with pytest.raises(DomainError, match="Pick a crew or a technician"):
        visit_book(job=JobFactory(), starts_at=local_dt(TUESDAY, 8), ends_at=local_dt(TUESDAY, 9), by=None)
