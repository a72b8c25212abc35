"""The job list: filters, search, paging, and a query count that does not grow with the data."""

from datetime import date

import pytest
from django.urls import reverse

from jobs.choices import JobKind, JobStatus
from tests.jobs.factories import CustomerFactory, JobFactory, SiteFactory
from tests.scheduling.factories import CrewFactory, VisitFactory

pytestmark = pytest.mark.django_db


def listed(client, **params):
    response = client.get(reverse("jobs:job_list"), params)
    assert response.status_code == 200
    return {job.number for job in response.context["object_list"]}


def test_filters_by_status_kind_dates_salesperson_and_crew(client_as, coordinator, salesperson):
    client = client_as(coordinator)
    sold = JobFactory(status=JobStatus.SOLD, sold_on=date(2026, 10, 1))
    scheduled = JobFactory(status=JobStatus.SCHEDULED, sold_on=date(2026, 11, 1), salesperson=salesperson)
    warranty = JobFactory(kind=JobKind.WARRANTY, status=JobStatus.READY, sold_on=date(2026, 11, 15))
    crew = CrewFactory()
    VisitFactory(job=warranty, crew=crew)

    assert listed(client, status="sold") == {sold.number}
    assert listed(client, status=["sold", "scheduled"]) == {sold.number, scheduled.number}
    assert listed(client, kind="warranty") == {warranty.number}
    assert listed(client, sold_after="2026-10-15") == {scheduled.number, warranty.number}
    assert listed(client, sold_after="2026-10-15", sold_before="2026-11-10") == {scheduled.number}
    assert listed(client, salesperson=salesperson.pk) == {scheduled.number}
    assert listed(client, crew=crew.pk) == {warranty.number}


def test_search_by_customer_address_or_job_number(client_as, coordinator):
    client = client_as(coordinator)
    customer = CustomerFactory(name="Henrietta Oakridge")
    by_name = JobFactory(customer=customer, site=SiteFactory(customer=customer))
    by_street = JobFactory(site__street="77 Sunnyside Ave")
    by_number = JobFactory(number="J424242")

    assert listed(client, q="oakridge") == {by_name.number}
    assert listed(client, q="sunnyside") == {by_street.number}
    assert listed(client, q="J424242") == {by_number.number}


def test_an_invalid_filter_says_so_instead_of_failing(client_as, coordinator):
    JobFactory()
    response = client_as(coordinator).get(reverse("jobs:job_list"), {"sold_after": "yesterday-ish"})
    assert response.status_code == 200
    assert "Enter a valid date" in response.content.decode()


def test_the_list_is_paginated(client_as, coordinator):
    JobFactory.create_batch(55)
    client = client_as(coordinator)
    first = client.get(reverse("jobs:job_list"))
    second = client.get(reverse("jobs:job_list"), {"page": 2})
    assert len(first.context["object_list"]) == 50
    assert len(second.context["object_list"]) == 5


def test_htmx_requests_get_only_the_table(client_as, coordinator):
    JobFactory()
    response = client_as(coordinator).get(reverse("jobs:job_list"), HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert "<table" in page
    assert '<nav class="navbar' not in page


@pytest.mark.parametrize("rows", [10, 500])
def test_the_job_list_runs_a_constant_number_of_queries(
    client_as, coordinator, installer, rows, django_assert_max_num_queries
):
    for job in JobFactory.create_batch(rows):
        VisitFactory(job=job, crew=installer.crew)

    # Session, user, permissions, filter choices, count and rows: the same few queries at any size.
    office_client = client_as(coordinator)
    with django_assert_max_num_queries(9):
        office = office_client.get(reverse("jobs:job_list"), {"status": ["sold", "scheduled"], "q": "a"})
    assert office.status_code == 200
    field_client = client_as(installer)
    with django_assert_max_num_queries(9):
        field = field_client.get(reverse("jobs:job_list"))
    assert len(field.context["object_list"]) == min(rows, 50)
