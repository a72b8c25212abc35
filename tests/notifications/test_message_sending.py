"""Sending one message: exactly once, retried on transient errors, failed with the reason at the end."""

from datetime import timedelta

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from notifications import services
from notifications.choices import Channel, MessageStatus
from notifications.models import Message
from notifications.sms import BaseSmsBackend, SmsPermanentError, SmsTransientError
from notifications.tasks import message_send_task, retry_countdown

from .factories import MessageFactory, visit_on

pytestmark = [pytest.mark.django_db, pytest.mark.company_time("10:00")]


class FlakySmsBackend(BaseSmsBackend):
    """Fails the first `failures` sends with a transient error, then delivers."""

    failures = 0
    calls = 0

    def send(self, *, to, body):
        FlakySmsBackend.calls += 1
        if FlakySmsBackend.calls <= FlakySmsBackend.failures:
            raise SmsTransientError("Twilio is busy or down (HTTP 503)")
        return f"flaky-{FlakySmsBackend.calls}"


class RefusingSmsBackend(BaseSmsBackend):
    calls = 0

    def send(self, *, to, body):
        RefusingSmsBackend.calls += 1
        raise SmsPermanentError("The customer replied STOP to our texts (Twilio 21610)")


@pytest.fixture
def eager_retries():
    """Eager tasks that propagate errors stop at the first retry; let the retries run in-process."""
    from installops.celery import app

    app.conf.task_eager_propagates = False
    yield
    app.conf.task_eager_propagates = True


@pytest.fixture
def confirmation_text():
    visit = visit_on()
    return MessageFactory(visit=visit, job=visit.job, idempotency_key=f"confirmation:{visit.pk}:x:sms")


def test_running_the_task_twice_sends_once(confirmation_text, sms_outbox):
    message_send_task.delay(confirmation_text.pk)
    message_send_task.delay(confirmation_text.pk)

    assert len(sms_outbox) == 1
    confirmation_text.refresh_from_db()
    assert confirmation_text.status == MessageStatus.SENT
    assert confirmation_text.attempts == 1
    assert confirmation_text.provider_id == sms_outbox[0]["id"]


def test_a_message_another_worker_is_sending_is_left_alone_and_looked_at_again(confirmation_text, sms_outbox):
    Message.objects.filter(pk=confirmation_text.pk).update(status=MessageStatus.SENDING, last_attempt_at=timezone.now())
    with pytest.raises(services.MessageInFlight):
        services.message_send(message_id=confirmation_text.pk)
    assert sms_outbox == []


def test_the_lease_outlives_the_task_and_stays_under_the_brokers_visibility_timeout(settings):
    lease = services.sending_lease().total_seconds()
    assert message_send_task.time_limit < lease < settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    assert lease <= 180, "within five minutes of a worker's death, with the relay every minute"


def test_a_message_stuck_sending_after_a_worker_died_is_failed_not_resent(confirmation_text, sms_outbox):
    stale = timezone.now() - services.sending_lease() - timedelta(seconds=1)
    Message.objects.filter(pk=confirmation_text.pk).update(
        status=MessageStatus.SENDING, last_attempt_at=stale, handed_over_at=stale
    )

    message_send_task.delay(confirmation_text.pk)

    confirmation_text.refresh_from_db()
    assert sms_outbox == []
    assert confirmation_text.status == MessageStatus.FAILED
    assert "may or may not have gone out" in confirmation_text.error


def test_a_message_whose_worker_died_before_calling_the_provider_is_sent_once(confirmation_text, sms_outbox):
    stale = timezone.now() - services.sending_lease() - timedelta(seconds=1)
    Message.objects.filter(pk=confirmation_text.pk).update(
        status=MessageStatus.SENDING, last_attempt_at=stale, attempts=1
    )

    message_send_task.delay(confirmation_text.pk)  # the redelivered task, after the lease
    message_send_task.delay(confirmation_text.pk)

    confirmation_text.refresh_from_db()
    assert len(sms_outbox) == 1
    assert (confirmation_text.status, confirmation_text.attempts) == (MessageStatus.SENT, 2)


def test_an_attempt_that_lost_its_claim_to_the_lease_does_not_call_the_provider(confirmation_text, sms_outbox):
    message = services.message_claim(message_id=confirmation_text.pk)
    # Meanwhile the lease ran out and the relay gave the message to another attempt.
    Message.objects.filter(pk=message.pk).update(status=MessageStatus.PENDING)
    services.message_claim(message_id=message.pk)

    assert services.message_hand_over(message) is False
    assert sms_outbox == []


@override_settings(SMS_BACKEND="tests.notifications.test_message_sending.FlakySmsBackend")
def test_transient_errors_are_retried_and_then_it_is_sent(confirmation_text, eager_retries):
    FlakySmsBackend.calls, FlakySmsBackend.failures = 0, 2

    message_send_task.delay(confirmation_text.pk)  # eager: the retries run at once

    confirmation_text.refresh_from_db()
    assert confirmation_text.status == MessageStatus.SENT
    assert (confirmation_text.attempts, confirmation_text.provider_id) == (3, "flaky-3")
    assert confirmation_text.error == ""


@override_settings(
    SMS_BACKEND="tests.notifications.test_message_sending.FlakySmsBackend", NOTIFICATIONS_SEND_MAX_RETRIES=3
)
def test_after_the_last_retry_the_message_is_failed_with_the_reason(confirmation_text, eager_retries):
    FlakySmsBackend.calls, FlakySmsBackend.failures = 0, 99

    message_send_task.delay(confirmation_text.pk)

    confirmation_text.refresh_from_db()
    assert FlakySmsBackend.calls == 4  # the first try and three retries
    assert confirmation_text.status == MessageStatus.FAILED
    assert confirmation_text.error == "Gave up after 4 attempts: Twilio is busy or down (HTTP 503)"


@override_settings(SMS_BACKEND="tests.notifications.test_message_sending.RefusingSmsBackend")
def test_a_permanent_error_fails_at_once_without_retrying(confirmation_text):
    RefusingSmsBackend.calls = 0
    message_send_task.delay(confirmation_text.pk)
    confirmation_text.refresh_from_db()
    assert RefusingSmsBackend.calls == 1
    assert (confirmation_text.status, confirmation_text.error) == (
        MessageStatus.FAILED,
        "The customer replied STOP to our texts (Twilio 21610)",
    )


def test_backoff_grows_and_stays_short():
    countdowns = [retry_countdown(retries) for retries in range(8)]
    assert countdowns[0] < countdowns[1] < countdowns[2] < countdowns[3]
    assert max(countdowns) <= 305


def test_an_email_goes_through_django_email_backend_with_a_message_id(django_capture_on_commit_callbacks):
    visit = visit_on()
    message = MessageFactory(
        visit=visit, job=visit.job, channel=Channel.EMAIL, recipient_address="maria@example.com", idempotency_key="e"
    )
    message_send_task.delay(message.pk)
    message.refresh_from_db()
    (email,) = mail.outbox
    assert email.extra_headers["Message-ID"] == message.provider_id
    assert message.status == MessageStatus.SENT


def test_a_broken_template_fails_the_message_with_the_reason(confirmation_text):
    from notifications.models import MessageTemplate

    MessageTemplate.objects.filter(kind="confirmation", channel="sms").update(body="{% if %}")
    message_send_task.delay(confirmation_text.pk)
    confirmation_text.refresh_from_db()
    assert confirmation_text.status == MessageStatus.FAILED
    assert confirmation_text.error.startswith("The message template has an error")


def test_a_failed_message_can_be_resent_by_the_office(
    confirmation_text, coordinator, sms_outbox, client_as, django_capture_on_commit_callbacks
):
    Message.objects.filter(pk=confirmation_text.pk).update(status=MessageStatus.FAILED, error="HTTP 503")
    client = client_as(coordinator)
    from django.urls import reverse

    url = reverse("notifications:message_resend", args=[confirmation_text.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"next": "/notifications/confirmations/"})
    assert response.status_code == 302
    assert response["Location"] == "/notifications/confirmations/"
    confirmation_text.refresh_from_db()
    assert confirmation_text.status == MessageStatus.SENT
    assert len(sms_outbox) == 1
    # A sent message cannot be resent.
    client.post(url)
    assert len(sms_outbox) == 1


def test_installers_cannot_resend(confirmation_text, installer, client_as):
    from django.urls import reverse

    response = client_as(installer).post(reverse("notifications:message_resend", args=[confirmation_text.pk]))
    assert response.status_code == 403


def test_the_offices_wording_is_used_and_an_edit_is_picked_up(confirmation_text, sms_outbox, monkeypatch):
    from notifications.models import MessageTemplate

    template = MessageTemplate.objects.get(kind="confirmation", channel="sms")
    template.body = "Hi {{ customer.name }}, see you {{ visit.starts_at|date:'D' }}. {{ confirm_url }}"
    template.full_clean()
    template.save()
    monkeypatch.setattr(services.rendering, "TEMPLATE_CACHE_SECONDS", 0)

    message_send_task.delay(confirmation_text.pk)

    confirmation_text.refresh_from_db()
    assert sms_outbox[0]["body"].startswith(f"Hi {confirmation_text.visit.job.customer.name}, see you ")
    assert confirmation_text.template == template
    assert confirmation_text.body == sms_outbox[0]["body"]


def test_a_template_with_a_syntax_error_cannot_be_saved_in_admin(admin_client):
    from django.urls import reverse

    from notifications.models import MessageTemplate

    template = MessageTemplate.objects.get(kind="confirmation", channel="email")
    saved_body = template.body
    url = reverse("admin:notifications_messagetemplate_change", args=[template.pk])
    assert admin_client.get(url).status_code == 200
    fields = {"kind": template.kind, "channel": template.channel, "active": "on", "subject": template.subject}

    refused = admin_client.post(url, {**fields, "body": "Hi {{ customer.name }} {% for %}"})

    # The change form comes back with the error on the field, and the office's wording is untouched.
    assert refused.status_code == 200
    assert "Template error" in refused.context["adminform"].form.errors["body"][0]
    assert "Template error" in refused.content.decode()
    template.refresh_from_db()
    assert template.body == saved_body

    # The same form with a sound template is saved: the refusal above was about the syntax.
    accepted = admin_client.post(url, {**fields, "body": "Hi {{ customer.name }}, please confirm: {{ confirm_url }}"})
    assert accepted.status_code == 302
    template.refresh_from_db()
    assert template.body == "Hi {{ customer.name }}, please confirm: {{ confirm_url }}"
