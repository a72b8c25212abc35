"""The permit rides in the pages' existing queries: the board, the job list and the jurisdictions list
run the same number of queries with 10 permits or 5,000."""

from datetime import date

import pytest
from django.urls import reverse

from jobs.models import Job
from permits.choices import PermitStatus
from permits.models import Jurisdiction, Permit
from tests.jobs.factories import CustomerFactory, JobFactory, SiteFactory
from tests.scheduling.factories import VisitFactory, local_dt

pytestmark = pytest.mark.django_db

TUESDAY = date(2026, 12, 1)
STATUSES = [PermitStatus.TO_APPLY, PermitStatus.APPLIED, PermitStatus.ISSUED, PermitStatus.FINALED]


def bulk_permits(count: int) -> list[Job]:
    """`count` jobs, each with a live permit, spread over three departments (bulk inserts)."""
    customer = CustomerFactory()
    site = SiteFactory(customer=customer)
    jobs = Job.objects.bulk_create(
        JobFactory.build(customer=customer, site=site, number=f"P{index:05d}") for index in range(count)
    )
    departments = Jurisdiction.objects.bulk_create(Jurisdiction(name=f"Department {n}") for n in range(3))
    permits = []
    for index, job in enumerate(jobs):
        status = STATUSES[index % len(STATUSES)]
        numbered = status in (PermitStatus.ISSUED, PermitStatus.FINALED)
        permits.append(
            Permit(
                job=job,
                jurisdiction=departments[index % 3],
                status=status,
                number=f"B24-{index:05d}" if numbered else "",
            )
        )
    Permit.objects.bulk_create(permits)
    return jobs


@pytest.mark.parametrize("permits", [10, 5000])
def test_the_board_keeps_its_bound(client_as, coordinator, installer, django_assert_max_num_queries, permits):
    jobs = bulk_permits(permits)
    for hour, job in zip(range(6, 16), jobs, strict=False):
        VisitFactory(
            job=job, crew=installer.crew, starts_at=local_dt(TUESDAY, hour), ends_at=local_dt(TUESDAY, hour + 1)
        )
    client = client_as(coordinator)
    with django_assert_max_num_queries(12):  # the board's own bound (tests/scheduling/test_dispatch_board.py)
        response = client.get(reverse("scheduling:board"), {"date": TUESDAY.isoformat(), "view": "day"})
    assert response.content.decode().count('class="vb-permit"') == 10


@pytest.mark.parametrize("permits", [10, 5000])
def test_the_job_list_keeps_its_bound(client_as, coordinator, django_assert_max_num_queries, permits):
    bulk_permits(permits)
    client = client_as(coordinator)
    with django_assert_max_num_queries(9):  # the job list's own bound (tests/jobs/test_job_list.py)
        response = client.get(reverse("jobs:job_list"))
    assert response.content.decode().count('class="fact-permit"') == min(permits, 50)


@pytest.mark.parametrize("permits", [10, 5000])
def test_the_jurisdiction_list_runs_a_constant_number_of_queries(
    client_as, coordinator, django_assert_max_num_queries, permits
):
    bulk_permits(permits)
    client = client_as(coordinator)
    # Session, user, permissions (the page's and the menu's), the departments with their counts.
    with django_assert_max_num_queries(6):
        response = client.get(reverse("permits:jurisdiction_list"))
    counts = [j.live_permit_count for j in response.context["jurisdictions"]]
    assert sum(counts) == permits
