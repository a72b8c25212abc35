from datetime import timedelta

import pytest
from django.core import mail

from installops.clock import company_tomorrow
from notifications.choices import Channel, MessageKind, MessageStatus, SkipReason
from notifications.models import Message
from notifications.services import confirmation_sweep
from notifications.tasks import confirmation_sweep_task
from scheduling.choices import VisitStatus
from tests.jobs.factories import CustomerFactory

from .factories import at, visit_on

# The morning sweep's hour (NOTIFICATIONS_CONFIRMATIONS_AT): it asks about tomorrow.
pytestmark = [pytest.mark.django_db, pytest.mark.company_time("10:00")]


def run_sweep(capture, **kwargs):
    with capture(execute=True):
        return confirmation_sweep(**kwargs)


def test_every_customer_with_a_visit_tomorrow_gets_a_text_and_an_email(django_capture_on_commit_callbacks, sms_outbox):
    visit = visit_on(customer=CustomerFactory(name="Maria Lopez", phone="(559) 555-0142", email="maria@example.com"))

    result = run_sweep(django_capture_on_commit_callbacks)

    assert (result.queued, result.skipped) == (2, 0)
    (text,) = sms_outbox
    assert text["to"] == "+15595550142"
    assert "Please confirm" in text["body"]
    assert "/notifications/c/" in text["body"]
    assert "between 8:00 a.m. and 10:00 a.m." in text["body"]
    (email,) = mail.outbox
    assert email.to == ["maria@example.com"]
    assert visit.job.number in email.body
    assert "http://testserver/notifications/c/" in email.body
    sent = Message.objects.filter(visit=visit)
    assert {(m.channel, m.status) for m in sent} == {
        (Channel.SMS, MessageStatus.SENT),
        (Channel.EMAIL, MessageStatus.SENT),
    }
    assert all(m.sent_at and m.provider_id and m.body and m.job_id == visit.job_id for m in sent)
    assert sent.get(channel=Channel.EMAIL).subject.startswith("Please confirm your appointment")


def test_a_second_sweep_sends_nothing_again(django_capture_on_commit_callbacks, sms_outbox):
    visit_on()
    visit_on()
    run_sweep(django_capture_on_commit_callbacks)
    again = run_sweep(django_capture_on_commit_callbacks)

    assert again.queued == 0
    assert len(sms_outbox) == 2
    assert len(mail.outbox) == 2
    assert Message.objects.count() == 4


def test_only_tomorrows_unconfirmed_visits_in_the_company_zone_are_asked(django_capture_on_commit_callbacks):
    tomorrow = company_tomorrow()
    asked = visit_on(tomorrow, hour=0)  # just after local midnight: still tomorrow
    late = visit_on(tomorrow, hour=23)
    visit_on(tomorrow + timedelta(days=1), hour=0)  # the day after
    visit_on(tomorrow, hour=12, status=VisitStatus.CONFIRMED)  # already confirmed on the board
    visit_on(tomorrow, hour=14, status=VisitStatus.CANCELLED, crew=asked.crew)

    run_sweep(django_capture_on_commit_callbacks)

    assert set(Message.objects.values_list("visit_id", flat=True)) == {asked.pk, late.pk}
    assert at(tomorrow, 0) == asked.starts_at


@pytest.mark.parametrize(
    ("customer_fields", "sms_reason", "email_reason"),
    [
        ({"phone": "", "alt_phone": "", "email": ""}, SkipReason.NO_PHONE, SkipReason.NO_EMAIL),
        ({"phone": "555-01"}, SkipReason.INVALID_NUMBER, ""),
        ({"phone": "(059) 555-0142"}, SkipReason.INVALID_NUMBER, ""),
        ({"sms_opt_out": True, "email_opt_out": True}, SkipReason.SMS_OPT_OUT, SkipReason.EMAIL_OPT_OUT),
    ],
)
def test_customers_who_cannot_be_reached_are_skipped_with_the_reason(
    django_capture_on_commit_callbacks, sms_outbox, customer_fields, sms_reason, email_reason
):
    unreachable = visit_on(customer=CustomerFactory(**customer_fields))
    reachable = visit_on()

    result = run_sweep(django_capture_on_commit_callbacks)

    by_channel = {m.channel: m for m in Message.objects.filter(visit=unreachable)}
    assert by_channel[Channel.SMS].status == MessageStatus.SKIPPED
    assert by_channel[Channel.SMS].skip_reason == sms_reason
    assert by_channel[Channel.EMAIL].skip_reason == email_reason
    assert result.skipped == (2 if email_reason else 1)
    # The others still went out: bad data never stops the sweep.
    assert Message.objects.filter(visit=reachable, status=MessageStatus.SENT).count() == 2
    assert all(text["to"] != "" for text in sms_outbox)


def test_the_alternate_phone_is_used_when_the_main_one_is_not_a_mobile_number(django_capture_on_commit_callbacks):
    visit = visit_on(customer=CustomerFactory(phone="555-01", alt_phone="559.555.0199"))
    run_sweep(django_capture_on_commit_callbacks)
    text = Message.objects.get(visit=visit, channel=Channel.SMS)
    assert (text.status, text.recipient_address) == (MessageStatus.SENT, "+15595550199")


def test_the_sweep_queues_one_task_per_message_after_commit_with_ids_only(django_capture_on_commit_callbacks):
    visit_on()
    visit_on()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        result = confirmation_sweep()
    # Nothing left before the commit; then one callback queues the four sends.
    assert Message.objects.filter(status=MessageStatus.PENDING).count() == 4
    assert len(callbacks) == 1
    assert result.queued == 4


def test_the_sweep_runs_a_constant_number_of_queries(django_capture_on_commit_callbacks, django_assert_max_num_queries):
    for hour in range(3):
        visit_on(hour=hour * 5)
    with django_assert_max_num_queries(6), django_capture_on_commit_callbacks(execute=False):
        confirmation_sweep()
    for hour in range(3, 30):
        visit_on(hour=hour % 24)
    with django_assert_max_num_queries(6), django_capture_on_commit_callbacks(execute=False):
        confirmation_sweep()


def test_the_beat_task_asks_about_tomorrow_by_default(django_capture_on_commit_callbacks):
    visit = visit_on()
    with django_capture_on_commit_callbacks(execute=True):
        summary = confirmation_sweep_task.delay().get()
    assert str(company_tomorrow()) in summary
    assert Message.objects.filter(visit=visit, kind=MessageKind.CONFIRMATION, status=MessageStatus.SENT).count() == 2
