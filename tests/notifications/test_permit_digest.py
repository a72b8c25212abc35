"""The install administrators' morning digest: the follow-up list by email, once a company day, and
nothing when the list is empty."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django_celery_beat.models import PeriodicTask

from conftest import make_staff
from installops.models import DailyTaskRun
from installops.tasks import daily_tasks_catch_up_task
from notifications.choices import Channel, MessageKind, MessageStatus, SkipReason
from notifications.models import Message
from notifications.services import message_send, permit_digest_sweep
from notifications.tasks import permit_digest_sweep_task
from people.choices import EmployeeRole
from tests.jobs.factories import JobFactory
from tests.permits.follow_up_data import days_ago

pytestmark = [pytest.mark.django_db, pytest.mark.company_time("2026-11-18 07:00")]
DIGEST = "notifications.tasks.permit_digest_sweep_task"


@pytest.fixture
def install_admin(db):
    return make_staff("install_admin", EmployeeRole.INSTALL_ADMIN)


def digests():
    return Message.objects.filter(kind=MessageKind.PERMIT_DIGEST)


def test_each_install_administrator_gets_the_list_by_email_once_a_day(
    install_admin, coordinator, django_capture_on_commit_callbacks, mailoutbox, company_clock
):
    second = make_staff("install_admin_2", EmployeeRole.INSTALL_ADMIN)
    job = JobFactory(sold_on=days_ago(8))

    with django_capture_on_commit_callbacks(execute=True):
        permit_digest_sweep_task()
    with django_capture_on_commit_callbacks(execute=True):
        permit_digest_sweep_task()  # beat and the catch-up both ran: nothing more goes out

    assert sorted(mail.to[0] for mail in mailoutbox) == sorted([install_admin.email, second.email])
    mail = mailoutbox[0]
    assert mail.subject == "Follow-up for Wednesday, Nov 18: 1 item"
    assert f"{job.number} {job.customer.name} · Permit to apply for, 8 days" in mail.body
    assert f"/jobs/{job.pk}/#panel-permit" in mail.body
    assert "/permits/follow-up/" in mail.body
    # Text messages are for the crews' day; coordinators have the list on screen.
    assert set(digests().values_list("channel", "status")) == {(Channel.EMAIL, MessageStatus.SENT)}
    assert coordinator.pk not in digests().values_list("recipient_user_id", flat=True)
    assert DailyTaskRun.objects.get(task=DIGEST).finished_at is not None

    # The next company day, a new digest.
    company_clock("2026-11-19 07:00")
    with django_capture_on_commit_callbacks(execute=True):
        permit_digest_sweep_task()
    assert len(mailoutbox) == 4


def test_nothing_is_sent_when_the_list_is_empty(install_admin, django_capture_on_commit_callbacks, mailoutbox):
    JobFactory(sold_on=days_ago(1))  # still within the days to apply

    with django_capture_on_commit_callbacks(execute=True):
        result = permit_digest_sweep()

    assert (result.queued, result.skipped) == (0, 0)
    assert not digests().exists()
    assert mailoutbox == []


def test_an_administrator_without_an_email_address_is_skipped_with_the_reason(install_admin):
    install_admin.email = ""
    install_admin.save()
    JobFactory(sold_on=days_ago(8))

    result = permit_digest_sweep()

    assert result.skipped == 1
    assert digests().get().skip_reason == SkipReason.NO_EMAIL


def test_a_list_cleared_before_the_send_is_not_sent(install_admin, django_capture_on_commit_callbacks, mailoutbox):
    job = JobFactory(sold_on=days_ago(8))
    with django_capture_on_commit_callbacks(execute=False):
        permit_digest_sweep()
    job.sold_on = days_ago(1)
    job.save()

    message_send(message_id=digests().get().pk, final_attempt=True)

    assert digests().get().status == MessageStatus.FAILED
    assert mailoutbox == []


def test_the_digest_is_on_beat_at_its_company_time(settings):
    settings.PERMIT_DIGEST_AT = "06:45"
    call_command("sync_beat_schedule")

    task = PeriodicTask.objects.select_related("crontab").get(name="Permit follow-up digest")

    assert task.task == DIGEST
    assert (task.crontab.hour, task.crontab.minute) == ("6", "45")
    assert str(task.crontab.timezone) == "America/Los_Angeles"


def test_a_digest_for_another_day_is_its_own_message(install_admin, company_clock):
    JobFactory(sold_on=days_ago(8))
    permit_digest_sweep()
    permit_digest_sweep(day=days_ago(0) + timedelta(days=1))

    assert digests().count() == 2


def test_a_digest_beat_could_not_publish_is_caught_up_the_same_morning(
    install_admin, settings, company_clock, django_capture_on_commit_callbacks, mailoutbox
):
    settings.PERMIT_DIGEST_AT = "07:00"
    call_command("sync_beat_schedule")
    PeriodicTask.objects.filter(crontab__isnull=False).exclude(task=DIGEST).update(enabled=False)
    JobFactory(sold_on=days_ago(8))
    company_clock("2026-11-18 07:10")

    with django_capture_on_commit_callbacks(execute=True):
        assert daily_tasks_catch_up_task() == f"caught up: {DIGEST}"
    with django_capture_on_commit_callbacks(execute=True):
        daily_tasks_catch_up_task()

    assert [mail.to for mail in mailoutbox] == [[install_admin.email]]
