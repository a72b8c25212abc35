"""The collection log: notes and promises to pay, kept, due today or broken."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from billing.models import CollectionNote
from billing.selectors import collection_notes_for, promise_state
from billing.services import collection_note_add
from installops.errors import DomainError
from tests.jobs.factories import CustomerFactory

from .ledger import payment, posted_invoice

pytestmark = [pytest.mark.django_db, pytest.mark.company_time("2026-11-24 09:00")]
TODAY = date(2026, 11, 24)


def test_a_note_with_a_promise_is_kept_with_who_wrote_it(accounting):
    customer = CustomerFactory()

    note = collection_note_add(customer=customer, contact="call", note="  Will mail a check  ",
                               promised_amount=Decimal("250.00"), promised_on=TODAY + timedelta(days=3),
                               by=accounting)  # fmt: skip

    note.refresh_from_db()
    assert note.note == "Will mail a check"
    assert note.created_by == accounting
    assert note.promised_on == date(2026, 11, 27)


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        ({"contact": "fax"}, "contact", "Choose how"),
        ({"note": "   "}, "note", "Write what was said"),
        ({"promised_amount": Decimal("10.00")}, "promised_on", "the day they promised"),
        ({"promised_on": TODAY - timedelta(days=1)}, "promised_on", "today or a later day"),
    ],
)
def test_the_service_refuses_in_words_on_the_field(accounting, fields, field, words):
    arguments = {"customer": CustomerFactory(), "contact": "call", "note": "Called", "by": accounting, **fields}

    with pytest.raises(DomainError) as refused:
        collection_note_add(**arguments)

    assert refused.value.field == field
    assert words in refused.value.message
    assert not CollectionNote.objects.exists()


@pytest.mark.parametrize(
    ("promised_on", "amount", "paid", "state"),
    [
        (TODAY + timedelta(days=2), Decimal("100"), Decimal("0"), "pending"),
        (TODAY, Decimal("100"), Decimal("40"), "due_today"),
        (TODAY - timedelta(days=1), Decimal("100"), Decimal("99.99"), "broken"),
        (TODAY - timedelta(days=1), Decimal("100"), Decimal("100"), "kept"),
        (TODAY - timedelta(days=1), None, Decimal("5"), "kept"),
        (TODAY - timedelta(days=1), None, Decimal("0"), "broken"),
    ],
)
def test_promise_states(promised_on, amount, paid, state):
    assert promise_state(promised_on=promised_on, promised_amount=amount, paid=paid, today=TODAY) == state


def test_only_payments_from_the_day_of_the_promise_to_the_day_promised_keep_it(accounting):
    customer = CustomerFactory()
    note = CollectionNote.objects.create(
        customer=customer, contact="call", note="Friday", created_by=accounting,
        promised_amount=Decimal("100.00"), promised_on=TODAY - timedelta(days=2),
    )  # fmt: skip
    made = timezone.make_aware(datetime.combine(TODAY - timedelta(days=6), time(23, 30)))
    CollectionNote.objects.filter(pk=note.pk).update(created_at=made)
    payments = [
        payment(customer=customer, on=TODAY - timedelta(days=7), amount="100.00"),  # before the promise
        payment(customer=customer, on=TODAY - timedelta(days=1), amount="100.00"),  # after the day promised
        payment(customer=customer, on=TODAY - timedelta(days=6), amount="60.00"),  # counts
    ]

    [row] = collection_notes_for(customer=customer, payments=payments, today=TODAY)

    assert row.paid == Decimal("60.00")
    assert row.state == "broken"


def test_accounting_adds_a_note_from_the_account_page(client_as, accounting):
    customer = CustomerFactory()
    posted_invoice(customer=customer, on=TODAY - timedelta(days=40), total="100.00")
    url = reverse("billing:collection_note_add", args=[customer.pk])

    response = client_as(accounting).post(url, {"contact": "voicemail", "note": "Left a message",
                                                "promised_amount": "", "promised_on": ""})  # fmt: skip

    assert response.status_code == 302
    assert response["Location"] == reverse("billing:customer_account", args=[customer.pk]) + "#collections"
    page = client_as(accounting).get(response["Location"]).content.decode()
    assert "Left a message" in page
    assert "Left a voicemail" in page


def test_a_refused_note_shows_the_page_again_with_the_message_and_the_entries(client_as, accounting):
    customer = CustomerFactory()
    url = reverse("billing:collection_note_add", args=[customer.pk])

    response = client_as(accounting).post(url, {"contact": "call", "note": "Promised for last week",
                                                "promised_amount": "50.00", "promised_on": "2026-11-20"})  # fmt: skip

    page = response.content.decode()
    assert response.status_code == 400
    assert "A promise to pay is for today or a later day." in page
    assert "Promised for last week" in page
    assert 'value="50.00"' in page
    assert not CollectionNote.objects.exists()


def test_by_htmx_the_log_card_comes_back_with_the_note_or_the_refusal(client_as, accounting):
    customer = CustomerFactory()
    url = reverse("billing:collection_note_add", args=[customer.pk])
    client = client_as(accounting)

    added = client.post(url, {"contact": "email", "note": "Sent the statement", "promised_amount": "",
                              "promised_on": ""}, HTTP_HX_REQUEST="true")  # fmt: skip
    refused = client.post(url, {"contact": "", "note": "Who knows"}, HTTP_HX_REQUEST="true")

    assert added.status_code == refused.status_code == 200
    assert 'id="collection-log"' in added.content.decode()
    assert "Sent the statement" in added.content.decode()
    assert "<html" not in added.content.decode()
    assert "This field is required." in refused.content.decode()
    assert "Who knows" in refused.content.decode()
    assert CollectionNote.objects.count() == 1
