"""Booking a subcontractor checks the job under a lock, and is saved whole or not at all."""

from datetime import timedelta

import pytest

from installops.errors import DomainError
from jobs.choices import JobStatus
from jobs.services import job_change_status
from scheduling.choices import SubcontractorBookingStatus, SubcontractorTrade
from scheduling.models import Subcontractor, SubcontractorBooking
from scheduling.services import subcontractor_booking_cancel, subcontractor_booking_create
from tests.concurrency import two_at_once
from tests.jobs.factories import JobFactory
from tests.scheduling.factories import local_dt, next_weekday


def crane():
    return Subcontractor.objects.create(name="Valley Crane & Rigging", trade=SubcontractorTrade.CRANE)


@pytest.mark.django_db(transaction=True)
def test_a_job_put_on_hold_meanwhile_gets_no_subcontractor(coordinator):
    job = JobFactory()
    subcontractor = crane()
    starts_at = local_dt(next_weekday(2), 8)

    def put_on_hold():
        return job_change_status(job=job, to_status=JobStatus.ON_HOLD, by=coordinator, note="Waiting on financing")

    def book():
        return subcontractor_booking_create(
            job=job, subcontractor=subcontractor, starts_at=starts_at, ends_at=starts_at + timedelta(hours=2),
            by=coordinator,
        )  # fmt: skip

    # The hold is not committed yet while the crane is booked.
    outcomes = two_at_once(put_on_hold, book)

    assert outcomes["first"].status == JobStatus.ON_HOLD, outcomes
    assert isinstance(outcomes["second"], DomainError), outcomes
    assert "on hold" in outcomes["second"].message
    assert not SubcontractorBooking.objects.exists()


@pytest.mark.django_db
def test_a_booking_is_kept_with_its_history_and_called_off_once(coordinator):
    starts_at = local_dt(next_weekday(3), 9)
    booking = subcontractor_booking_create(
        job=JobFactory(), subcontractor=crane(), starts_at=starts_at, ends_at=starts_at + timedelta(hours=1),
        by=coordinator,
    )  # fmt: skip
    assert booking.history.count() == 1

    for _ in range(2):
        booking = subcontractor_booking_cancel(booking=booking, by=coordinator, reason="Customer moved the date")

    assert booking.status == SubcontractorBookingStatus.CANCELLED
    assert booking.history.count() == 2  # booked, called off: the second call changed nothing
