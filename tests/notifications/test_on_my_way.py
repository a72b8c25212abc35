"""When a tech sets "on my way", the customer is told who is coming."""

import pytest
from django.core import mail

from notifications.choices import MessageKind, MessageStatus
from notifications.models import Message
from scheduling.choices import VisitStatus
from scheduling.services import visit_set_dispatch_status
from tests.jobs.factories import CustomerFactory
from tests.lifecycle_facts import issue_permit

from .factories import visit_on

# Half an hour before the day's first visits, booked at 8:00.
pytestmark = [pytest.mark.django_db, pytest.mark.company_time("07:30")]


def test_on_my_way_texts_the_customer_the_techs_name(
    installer, django_capture_on_commit_callbacks, sms_outbox, company_clock
):
    installer.first_name, installer.last_name = "Luis", "Ortega"
    installer.save()
    visit = visit_on(company_clock.today, crew=installer.crew, customer=CustomerFactory(phone="(559) 555-0142"))
    issue_permit(visit.job)

    with django_capture_on_commit_callbacks(execute=True):
        visit_set_dispatch_status(visit=visit, to_status=VisitStatus.ON_MY_WAY, by=installer)

    (text,) = sms_outbox
    assert text["to"] == "+15595550142"
    assert "Luis Ortega is on the way" in text["body"]
    assert "Luis Ortega is on the way" in mail.outbox[0].subject
    sent = Message.objects.filter(visit=visit, kind=MessageKind.ON_MY_WAY, status=MessageStatus.SENT)
    assert sent.count() == 2
    assert {message.for_date for message in sent} == {company_clock.today}


def test_other_status_changes_send_nothing(coordinator, django_capture_on_commit_callbacks, sms_outbox):
    visit = visit_on()
    with django_capture_on_commit_callbacks(execute=True):
        visit_set_dispatch_status(visit=visit, to_status=VisitStatus.CONFIRMED, by=coordinator)
    assert sms_outbox == []
    assert not Message.objects.exists()


def test_an_opted_out_customer_is_not_texted_and_the_reason_is_kept(
    installer, django_capture_on_commit_callbacks, sms_outbox, company_clock
):
    visit = visit_on(company_clock.today, crew=installer.crew, customer=CustomerFactory(sms_opt_out=True))
    issue_permit(visit.job)
    with django_capture_on_commit_callbacks(execute=True):
        visit_set_dispatch_status(visit=visit, to_status=VisitStatus.ON_MY_WAY, by=installer)
    assert sms_outbox == []
    text = Message.objects.get(visit=visit, channel="sms")
    assert (text.status, text.get_skip_reason_display()) == (MessageStatus.SKIPPED, "Asked not to be texted")
