"""A sale is entered in one go: the customer, the address and the job are saved together or not at all,
and whatever a record's validation refuses comes back as a message on its field, never a 500."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from installops.errors import DomainError
from jobs.models import Customer, Job, Site
from jobs.services import job_create_sale, site_create
from tests.jobs.factories import CustomerFactory

pytestmark = pytest.mark.django_db

SITE = {"street": "1420 W Shaw Ave", "city": "Fresno", "zip_code": "93711"}
JOB = {"kind": "install", "sold_on": date(2026, 11, 20), "contract_amount": Decimal("14250.00")}


def test_a_job_refused_after_the_new_address_leaves_no_address_behind(coordinator):
    customer = CustomerFactory()
    # A financed amount with no finance company: the job is refused after the address was written.
    with pytest.raises(DomainError):
        job_create_sale(
            customer=customer, site_fields=SITE, job_fields={**JOB, "finance_approved_amount": Decimal("9000")},
            by=coordinator,
        )  # fmt: skip

    assert not Site.objects.filter(customer=customer).exists()
    assert not Job.objects.exists()


def test_a_job_refused_for_a_new_customer_leaves_neither_customer_nor_address(coordinator):
    with pytest.raises(DomainError):
        job_create_sale(
            customer_fields={"name": "Maria Lopez", "phone": "(559) 555-0199"},
            site_fields=SITE,
            job_fields={**JOB, "kind": "not a kind"},
            by=coordinator,
        )

    assert not Customer.objects.exists()
    assert not Site.objects.exists()
    assert not Job.objects.exists()


def test_an_existing_customer_gets_the_new_address_and_the_job_together(client_as, coordinator):
    customer = CustomerFactory()
    data = {
        "customer": customer.pk,
        "kind": "install",
        "sold_on": "2026-11-20",
        "contract_amount": "14250.00",
        "site-street": "88 N Palm Ave",
        "site-city": "Fresno",
        "site-zip_code": "93704",
    }

    response = client_as(coordinator).post(reverse("jobs:job_create"), data)

    job = Job.objects.get()
    assert response.status_code == 302
    assert response.url == job.get_absolute_url()
    assert (job.customer, job.site.street, job.site.customer) == (customer, "88 N Palm Ave", customer)


def test_a_record_the_model_refuses_is_a_domain_error_on_its_field(coordinator):
    with pytest.raises(DomainError) as refused:
        site_create(customer=CustomerFactory(), by=coordinator, street="", city="Fresno", zip_code="93711")

    assert refused.value.field == "street"
    assert "blank" in refused.value.message
