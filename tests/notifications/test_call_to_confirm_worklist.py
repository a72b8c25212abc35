"""The office's call-to-confirm list: who answered, who did not by the set hour, and the calls logged."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from installops.clock import company_tomorrow
from notifications.choices import ConfirmationOutcome, ConfirmationSource, ConfirmationState
from notifications.models import ConfirmationEvent
from notifications.selectors import confirmation_deadline, confirmation_rows_for_day
from notifications.services import confirmation_sweep, visit_confirmation_record
from scheduling.choices import VisitStatus
from tests.jobs.factories import CustomerFactory

from .factories import visit_on

# Late morning: the 10:00 confirmations went out, the 15:00 confirm-by hour is still ahead.
pytestmark = [pytest.mark.django_db, pytest.mark.company_time("11:00")]

URL = reverse("notifications:confirmation_worklist")


def states(now):
    return {row.visit.pk: row.state for row in confirmation_rows_for_day(day=company_tomorrow(), now=now)}


def test_the_state_follows_from_messages_replies_and_calls(
    django_capture_on_commit_callbacks, coordinator, company_clock
):
    quiet = visit_on(hour=6)
    replied = visit_on(hour=7)
    other_day = visit_on(hour=8)
    unreachable = visit_on(hour=9, customer=CustomerFactory(phone="", email="", alt_phone=""))
    cancelled_by_phone = visit_on(hour=10)
    never_sent = visit_on(hour=11)
    with django_capture_on_commit_callbacks(execute=True):
        confirmation_sweep()
    visit_confirmation_record(
        visit=replied, source=ConfirmationSource.CUSTOMER_REPLY, outcome=ConfirmationOutcome.CONFIRMED
    )
    visit_confirmation_record(
        visit=other_day, source=ConfirmationSource.CUSTOMER_REPLY, outcome=ConfirmationOutcome.CONFIRMED
    )
    # A later call says otherwise: the latest decisive answer wins.
    company_clock.shift(minutes=40)
    visit_confirmation_record(
        visit=other_day,
        source=ConfirmationSource.OFFICE_CALL,
        outcome=ConfirmationOutcome.RESCHEDULE_REQUESTED,
        note="Daughter's wedding",
        by=coordinator,
    )
    visit_confirmation_record(
        visit=quiet, source=ConfirmationSource.OFFICE_CALL, outcome=ConfirmationOutcome.LEFT_VOICEMAIL, by=coordinator
    )
    never_sent.messages.all().delete()

    deadline = confirmation_deadline(company_tomorrow())
    before = states(deadline - timedelta(minutes=1))
    assert before[quiet.pk] == ConfirmationState.AWAITING_REPLY
    assert before[replied.pk] == ConfirmationState.CONFIRMED
    assert before[other_day.pk] == ConfirmationState.RESCHEDULE_REQUESTED
    assert before[unreachable.pk] == ConfirmationState.UNREACHABLE
    assert before[never_sent.pk] == ConfirmationState.NOT_SENT
    after = states(deadline)
    assert after[quiet.pk] == ConfirmationState.NO_REPLY

    visit_confirmation_record(
        visit=cancelled_by_phone,
        source=ConfirmationSource.OFFICE_CALL,
        outcome=ConfirmationOutcome.CANCEL_REQUESTED,
        note="Sold the house",
        by=coordinator,
    )
    # A cancel on the phone cancels the visit on the board, with the reason; it leaves the list.
    cancelled_by_phone.refresh_from_db()
    assert cancelled_by_phone.status == VisitStatus.CANCELLED
    assert "Sold the house" in cancelled_by_phone.status_reason
    assert cancelled_by_phone.pk not in states(deadline)


@pytest.mark.company_time("23:30")
def test_the_deadline_is_the_set_hour_the_day_before_in_company_time(settings):
    settings.NOTIFICATIONS_CONFIRM_BY = "15:30"
    day = company_tomorrow()
    deadline = confirmation_deadline(day)
    local = timezone.localtime(deadline)
    assert (local.date(), local.hour, local.minute) == (day - timedelta(days=1), 15, 30)


def call_list_after_the_sweep(client, capture):
    visit_on(customer=CustomerFactory(name="Opted Out", sms_opt_out=True, email=""))
    visit_on(customer=CustomerFactory(name="Happy Customer"))
    with capture(execute=True):
        confirmation_sweep()
    response = client.get(URL)
    assert response.status_code == 200
    return response.content.decode().split('id="call-list"')[1].split("</table>")[0]


def test_the_coordinator_sees_the_call_list_with_skip_reasons(
    client_as, coordinator, django_capture_on_commit_callbacks
):
    call_list = call_list_after_the_sweep(client_as(coordinator), django_capture_on_commit_callbacks)

    assert "Opted Out" in call_list
    assert "Asked not to be texted" in call_list
    assert "No email address on file" in call_list
    # Reached, and still before the confirm-by hour: waiting for the answer, not to be called yet.
    assert "Happy Customer" not in call_list


@pytest.mark.company_time("17:30")
def test_after_the_confirm_by_hour_customers_who_did_not_answer_are_on_the_call_list(
    client_as, coordinator, django_capture_on_commit_callbacks
):
    call_list = call_list_after_the_sweep(client_as(coordinator), django_capture_on_commit_callbacks)

    assert "Opted Out" in call_list
    assert "Happy Customer" in call_list


def test_logging_a_confirmed_call_confirms_the_visit(client_as, coordinator):
    visit = visit_on()
    url = reverse("notifications:call_log", args=[visit.pk])

    response = client_as(coordinator).post(url, {"outcome": "confirmed", "note": "Spoke to Maria"})

    assert response.status_code == 302
    visit.refresh_from_db()
    assert visit.status == VisitStatus.CONFIRMED
    event = ConfirmationEvent.objects.get(visit=visit)
    assert (event.source, event.recorded_by, event.note) == (
        ConfirmationSource.OFFICE_CALL,
        coordinator,
        "Spoke to Maria",
    )


def test_logging_a_call_with_htmx_redraws_the_row(client_as, coordinator):
    visit = visit_on()
    response = client_as(coordinator).post(
        reverse("notifications:call_log", args=[visit.pk]), {"outcome": "left_voicemail"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert content.startswith(f'<tr id="visit-{visit.pk}"')
    assert "Left voicemail" in content


def test_a_cancel_without_a_reason_is_refused_and_the_entry_kept(client_as, coordinator):
    visit = visit_on()
    response = client_as(coordinator).post(
        reverse("notifications:call_log", args=[visit.pk]),
        {"outcome": "cancel_requested", "note": ""},
        HTTP_HX_REQUEST="true",
    )
    content = response.content.decode()
    assert "Say why the customer cancels." in content
    assert 'value="cancel_requested" selected' in content
    assert not ConfirmationEvent.objects.exists()


def test_an_unknown_outcome_is_refused(client_as, coordinator):
    visit = visit_on()
    response = client_as(coordinator).post(
        reverse("notifications:call_log", args=[visit.pk]), {"outcome": "maybe"}, HTTP_HX_REQUEST="true"
    )
    assert "Select a valid choice" in response.content.decode()
    assert not ConfirmationEvent.objects.exists()


@pytest.mark.parametrize("role", ["accounting", "installer", "salesperson"])
def test_only_the_office_coordinators_work_the_list(request, client_as, role):
    user = request.getfixturevalue(role)
    visit = visit_on()
    client = client_as(user)
    assert client.get(URL).status_code == 403
    assert client.post(reverse("notifications:call_log", args=[visit.pk]), {"outcome": "confirmed"}).status_code == 403
    assert not ConfirmationEvent.objects.exists()


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_the_list_runs_a_constant_number_of_queries(client_as, coordinator, django_assert_max_num_queries):
    client = client_as(coordinator)
    client.get(URL)  # session and permissions warmed up

    def fill(count, start):
        for hour in range(start, start + count):
            visit = visit_on(hour=hour)
            visit_confirmation_record(
                visit=visit, source=ConfirmationSource.OFFICE_CALL, outcome="no_answer", by=coordinator
            )

    fill(2, 0)
    with django_assert_max_num_queries(10):
        assert client.get(URL).status_code == 200
    fill(12, 2)
    with django_assert_max_num_queries(10):
        response = client.get(URL)
    assert response.content.decode().count('data-state="') == 14
