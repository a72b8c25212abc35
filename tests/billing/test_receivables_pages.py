"""The aging report, the collections list and the customer's account: who opens them, what they show,
and a fixed number of queries at 10 and 5,000 invoices."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from billing.models import CollectionNote
from tests.jobs.factories import CustomerFactory, JobFactory

from .bulk_receivables import bulk_receivables
from .ledger import apply, payment, posted_credit_note, posted_invoice

pytestmark = [pytest.mark.django_db, pytest.mark.company_time("2026-11-24 09:00")]
TODAY = date(2026, 11, 24)
AGING = reverse("billing:aging")
COLLECTIONS = reverse("billing:collections")

# Session, user, the role's permissions (user and group), the layout's group name, then the page's own.
BASE_QUERIES = 5


def account_url(customer):
    return reverse("billing:customer_account", args=[customer.pk])


@pytest.fixture
def owing():
    customer = CustomerFactory(name="Rosa Delgado")
    invoice = posted_invoice(customer=customer, on=TODAY - timedelta(days=40), due=TODAY - timedelta(days=25),
                             total="1200.00")  # fmt: skip
    check = payment(customer=customer, on=TODAY - timedelta(days=20), amount="500.00")
    apply(check, invoice, "500.00")
    posted_credit_note(invoice=invoice, on=TODAY - timedelta(days=10), total="100.00")
    payment(customer=customer, on=TODAY - timedelta(days=2), amount="50.00")  # not applied: credit
    return customer


def test_accounting_sees_the_aging_with_buckets_totals_and_a_link_to_the_account(client_as, accounting, owing):
    page = client_as(accounting).get(AGING).content.decode()

    assert "Rosa Delgado" in page
    assert account_url(owing) in page
    assert "$600.00" in page  # 1,200 − 500 paid − 100 credited, 25 days past due
    assert "$50.00" in page  # credit held
    assert 'id="aging-totals"' in page


def test_the_aging_as_of_another_day_and_a_junk_day_falls_back_to_today(client_as, accounting, owing):
    client = client_as(accounting)

    before = client.get(AGING, {"as_of": (TODAY - timedelta(days=60)).isoformat()}).content.decode()
    junk = client.get(AGING, {"as_of": "yesterday"})

    assert "Rosa Delgado" not in before
    assert junk.status_code == 200
    assert "As of ignored" in junk.content.decode()
    assert "Rosa Delgado" in junk.content.decode()


def test_the_account_shows_balance_credit_documents_payments_and_a_running_ledger(client_as, accounting, owing):
    response = client_as(accounting).get(account_url(owing))

    page = response.content.decode()
    account = response.context["account"]
    assert account.balance == Decimal("550.00")  # 1,200 − 100 − 500 − 50
    assert account.credit == Decimal("50.00")
    assert [entry.balance for entry in account.ledger] == [
        Decimal("1200.00"), Decimal("700.00"), Decimal("600.00"), Decimal("550.00"),
    ]  # fmt: skip
    assert [entry.kind for entry in account.ledger] == ["invoice", "payment", "credit_note", "payment"]
    assert account.invoices[0].open_amount == Decimal("600.00")
    assert "Credit notes" in page
    assert reverse("billing:customer_statement", args=[owing.pk]) in page


def test_the_customer_page_links_to_the_account_for_accounting_only(client_as, accounting, coordinator, owing):
    assert account_url(owing) in client_as(accounting).get(owing.get_absolute_url()).content.decode()
    assert account_url(owing) not in client_as(coordinator).get(owing.get_absolute_url()).content.decode()


def test_the_menu_shows_receivables_to_accounting_only(client_as, accounting, coordinator):
    mine = client_as(accounting).get(reverse("jobs:job_list")).content.decode()
    theirs = client_as(coordinator).get(reverse("jobs:job_list")).content.decode()

    for url in (AGING, COLLECTIONS, reverse("billing:export")):
        assert url in mine
        assert url not in theirs


def test_others_are_refused_every_receivables_page(client_as, coordinator, salesperson, installer, owing):
    JobFactory(customer=owing, salesperson=salesperson)
    for user in (coordinator, salesperson, installer):
        client = client_as(user)
        for url in (AGING, COLLECTIONS, account_url(owing), reverse("billing:export"),
                    reverse("billing:customer_statement", args=[owing.pk])):  # fmt: skip
            assert client.get(url).status_code == 403, (user.username, url)
        assert client.post(reverse("billing:collection_note_add", args=[owing.pk])).status_code == 403


def test_collections_lists_past_due_customers_oldest_first_with_promises(client_as, accounting):
    late = CustomerFactory(name="Late Larry")
    later = CustomerFactory(name="Later Lena")
    current = CustomerFactory(name="Current Carl")
    posted_invoice(customer=late, on=TODAY - timedelta(days=30), due=TODAY - timedelta(days=15), total="300.00")
    posted_invoice(customer=later, on=TODAY - timedelta(days=90), due=TODAY - timedelta(days=60), total="80.00")
    posted_invoice(customer=current, on=TODAY, due=TODAY + timedelta(days=30), total="900.00")
    CollectionNote.objects.create(customer=late, contact="call", note="Will pay Friday", created_by=accounting,
                                  promised_amount=Decimal("300.00"), promised_on=TODAY)  # fmt: skip

    response = client_as(accounting).get(COLLECTIONS)

    rows = list(response.context["page_obj"].object_list)
    assert [row.name for row in rows] == ["Later Lena", "Late Larry"]
    assert rows[1].promise_state == "due_today"
    assert rows[1].past_due == Decimal("300.00")
    assert 'class="table-warning"' in response.content.decode()


@pytest.mark.parametrize("invoices", [10, 5000])
def test_the_pages_run_a_fixed_number_of_queries(client_as, accounting, django_assert_max_num_queries, invoices):
    bulk_receivables(invoices)
    client = client_as(accounting)
    a_customer = CollectionNote.objects.order_by("pk").first().customer

    # The aging: its grouped buckets and the credits.
    with django_assert_max_num_queries(BASE_QUERIES + 2):
        aging = client.get(AGING)
    # The collections list: its count and its page.
    with django_assert_max_num_queries(BASE_QUERIES + 2):
        collections = client.get(COLLECTIONS)
    # The account: the customer with balances, documents, payments, notes with their authors.
    with django_assert_max_num_queries(BASE_QUERIES + 4):
        account = client.get(account_url(a_customer))

    assert aging.status_code == collections.status_code == account.status_code == 200
    assert aging.context["page_obj"].paginator.count == max(1, invoices // 2)
    states = {row.promise_state for row in collections.context["page_obj"].object_list}
    assert {"broken", "due_today"} <= states
