import pytest
from django.urls import reverse

from tests.jobs.factories import CustomerFactory, JobFactory, SiteFactory

pytestmark = pytest.mark.django_db


def test_customer_search_finds_by_name_phone_or_street(client_as, coordinator):
    maria = CustomerFactory(name="Maria Lopez", phone="(559) 555-7788")
    SiteFactory(customer=maria, street="88 Quail Run")
    CustomerFactory(name="Someone Else")
    client = client_as(coordinator)

    for query in ["lopez", "555-7788", "quail"]:
        response = client.get(reverse("jobs:customer_list"), {"q": query})
        assert [c.name for c in response.context["customers"]] == ["Maria Lopez"]


def test_the_customer_page_shows_addresses_and_service_history(client_as, coordinator):
    customer = CustomerFactory(name="Maria Lopez")
    site = SiteFactory(customer=customer, street="88 Quail Run")
    install = JobFactory(customer=customer, site=site)
    warranty = JobFactory(customer=customer, site=site, kind="warranty", original_job=install)

    page = client_as(coordinator).get(customer.get_absolute_url()).content.decode()
    assert "88 Quail Run" in page
    assert install.number in page
    assert warranty.number in page
    assert f"?customer={customer.pk}" in page


@pytest.mark.parametrize("rows", [5, 200])
def test_customer_pages_run_a_constant_number_of_queries(client_as, coordinator, rows, django_assert_max_num_queries):
    customers = CustomerFactory.create_batch(rows)
    for _ in range(rows):
        JobFactory(customer=customers[0], site=SiteFactory(customer=customers[0]))
    client = client_as(coordinator)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("jobs:customer_list")).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(customers[0].get_absolute_url()).status_code == 200


def test_field_staff_and_sales_cannot_browse_customers(client_as, installer, salesperson):
    customer = CustomerFactory()
    for user in (installer, salesperson):
        client = client_as(user)
        assert client.get(reverse("jobs:customer_list")).status_code == 403
        assert client.get(customer.get_absolute_url()).status_code == 403
