"""history_note names who made a change and why on the history row; what it is not given stays as
simple-history would have it: the user of the request being served, and no reason."""

import pytest
from django.test import RequestFactory
from simple_history.models import HistoricalRecords

from installops.history import history_note
from tests.jobs.factories import CustomerFactory, UserFactory


@pytest.fixture
def request_by():
    """Serve a request signed in as this user while the test saves (as HistoryRequestMiddleware does)."""

    def serve(user):
        request = RequestFactory().get("/")
        request.user = user
        HistoricalRecords.context.request = request

    yield serve
    if hasattr(HistoricalRecords.context, "request"):
        del HistoricalRecords.context.request


@pytest.mark.django_db
def test_the_user_and_the_reason_given_are_recorded(request_by):
    customer = CustomerFactory()
    office, other = UserFactory(), UserFactory()
    request_by(other)
    customer.name = "Renamed"
    history_note(customer, by=office, reason="Name corrected")
    customer.save()
    row = customer.history.latest()
    assert (row.history_user, row.history_change_reason) == (office, "Name corrected")


@pytest.mark.django_db
def test_a_user_left_out_is_the_request_s_and_a_reason_left_out_is_none(request_by):
    customer = CustomerFactory()
    office = UserFactory()
    request_by(office)
    customer.name = "Renamed"
    history_note(customer)
    customer.save()
    row = customer.history.latest()
    assert (row.history_user, row.history_change_reason) == (office, None)


@pytest.mark.django_db
def test_by_none_records_nobody_even_during_a_request(request_by):
    customer = CustomerFactory()
    request_by(UserFactory())
    customer.name = "Renamed"
    history_note(customer, by=None, reason="Nightly sweep")
    customer.save()
    row = customer.history.latest()
    assert (row.history_user, row.history_change_reason) == (None, "Nightly sweep")
