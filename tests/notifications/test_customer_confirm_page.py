"""The customer's no-login page behind the confirmation link."""

from datetime import timedelta

import pytest
from django.core import signing
from django.urls import reverse

from notifications import links
from notifications.choices import ConfirmationOutcome, ConfirmationSource
from notifications.models import ConfirmationEvent
from scheduling.choices import VisitStatus
from scheduling.models import VisitStatusChange

from .factories import visit_on

# The evening the text arrived: the visit is tomorrow morning.
pytestmark = [pytest.mark.django_db, pytest.mark.company_time("19:00")]


def confirm_url(visit):
    return reverse("notifications:visit_confirm", args=[links.visit_confirm_token(visit.pk)])


def test_the_page_shows_the_appointment_without_signing_in(client):
    visit = visit_on(hour=8)
    response = client.get(confirm_url(visit))
    assert response.status_code == 200
    content = response.content.decode()
    assert visit.job.number in content
    assert visit.job.site.street in content
    assert "between 8:00 a.m. and 10:00 a.m." in content
    assert "Yes, I&#x27;ll be there" in content or "Yes, I'll be there" in content


def test_confirming_records_the_answer_and_confirms_the_visit_on_the_board(client):
    visit = visit_on()
    url = confirm_url(visit)

    response = client.post(url, {"answer": "confirm"})

    assert response.status_code == 302
    assert response["Location"] == url
    visit.refresh_from_db()
    assert visit.status == VisitStatus.CONFIRMED
    assert visit.confirmed_at is not None
    (event,) = ConfirmationEvent.objects.filter(visit=visit)
    assert (event.source, event.outcome, event.recorded_by) == (
        ConfirmationSource.CUSTOMER_REPLY,
        ConfirmationOutcome.CONFIRMED,
        None,
    )
    # The board's audit trail shows the move too.
    assert VisitStatusChange.objects.filter(visit=visit, to_status=VisitStatus.CONFIRMED).exists()
    assert "your appointment is confirmed" in client.get(url).content.decode()


def test_asking_for_another_day_keeps_the_note_and_leaves_the_visit_unconfirmed(client):
    visit = visit_on()
    client.post(confirm_url(visit), {"answer": "reschedule", "note": "Mornings next week please"})

    visit.refresh_from_db()
    assert visit.status == VisitStatus.SCHEDULED
    event = ConfirmationEvent.objects.get(visit=visit)
    assert (event.outcome, event.note) == (ConfirmationOutcome.RESCHEDULE_REQUESTED, "Mornings next week please")
    page = client.get(confirm_url(visit)).content.decode()
    assert "We got your request for another day" in page
    assert "Mornings next week please" in page


def test_a_too_long_note_is_refused_and_kept_on_the_page(client):
    visit = visit_on()
    response = client.post(confirm_url(visit), {"answer": "reschedule", "note": "x" * 1001})
    assert response.status_code == 400
    assert "x" * 1001 in response.content.decode()
    assert not ConfirmationEvent.objects.exists()


@pytest.mark.parametrize("mangle", ["tampered", "garbage", "expired"])
def test_a_bad_or_expired_link_gets_a_friendly_page(client, mangle, settings):
    visit = visit_on()
    token = links.visit_confirm_token(visit.pk)
    if mangle == "tampered":
        token = links.visit_confirm_token(visit.pk + 1)[:-3] + token[-3:]
    elif mangle == "garbage":
        token = "not-a-token"
    else:
        settings.NOTIFICATIONS_LINK_MAX_AGE_DAYS = -1
    url = reverse("notifications:visit_confirm", args=[token])

    for response in (client.get(url), client.post(url, {"answer": "confirm"})):
        assert response.status_code == 404
        assert "This link is no longer valid" in response.content.decode()
    assert not ConfirmationEvent.objects.exists()


def test_a_link_signed_for_something_else_is_not_accepted(client):
    visit = visit_on()
    other_salt = signing.dumps({"visit": visit.pk}, salt="notifications.acknowledge-page")
    response = client.get(reverse("notifications:visit_confirm", args=[other_salt]))
    assert response.status_code == 404


def test_a_cancelled_or_past_visit_can_no_longer_be_answered(client, coordinator):
    from scheduling.services import visit_set_dispatch_status

    visit = visit_on()
    visit_set_dispatch_status(visit=visit, to_status=VisitStatus.CANCELLED, by=coordinator, reason="Customer moved")
    page = client.get(confirm_url(visit)).content.decode()
    assert "can no longer be changed online" in page
    response = client.post(confirm_url(visit), {"answer": "confirm"})
    assert response.status_code == 400
    assert "please call us" in response.content.decode()

    past = visit_on(visit.starts_at.date() - timedelta(days=3))
    assert "can no longer be changed online" in client.get(confirm_url(past)).content.decode()
    assert client.post(confirm_url(past), {"answer": "confirm"}).status_code == 400
    assert not ConfirmationEvent.objects.exists()
