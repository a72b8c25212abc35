"""A real Celery worker on Redis: a visit of a confirmed and paged day is called off (alone, or with its
job cancelled), and the customer and each crew member get exactly one message a channel about it, even
when the task comes twice."""

import json
import time
from collections import Counter

import pytest

from jobs.choices import JobStatus
from jobs.services import job_change_status
from notifications.choices import Channel, MessageKind, MessageStatus
from notifications.models import Message, VisitChange
from notifications.services import confirmation_sweep, page_out_sweep
from notifications.tasks import visit_change_notify_task
from people.choices import EmployeeRole
from scheduling.choices import VisitStatus
from scheduling.services import visit_cancel
from tests.jobs.factories import CustomerFactory, UserFactory
from tests.scheduling.factories import CrewFactory, EmployeeFactory

from .factories import visit_on
from .test_worker_delivery import worker, worker_env  # noqa: F401 - the worker fixtures

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def wait_until_nothing_pending(timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    unsettled = [MessageStatus.PENDING, MessageStatus.SENDING]
    while Message.objects.filter(status__in=unsettled).exists():
        assert time.monotonic() < deadline, list(Message.objects.values_list("kind", "status", "error"))
        time.sleep(0.2)


def sent_files(worker_files) -> tuple[list[dict], list[str]]:
    texts = [json.loads(line) for line in (worker_files / "sms.jsonl").read_text().splitlines()]
    mail = "".join(path.read_text() for path in (worker_files / "mail").iterdir())
    return texts, [line.removeprefix("To: ") for line in mail.splitlines() if line.startswith("To: ")]


def call_off_the_visit(visit, coordinator) -> None:
    visit_cancel(visit=visit, by=coordinator, reason="Customer is ill")


def cancel_the_job(visit, coordinator) -> None:
    """The office cancels the whole job: its open visit is called off in the same transaction."""
    job_change_status(job=visit.job, to_status=JobStatus.CANCELLED, by=coordinator, note="Customer is ill")
    visit.refresh_from_db()
    assert visit.status == VisitStatus.CANCELLED


@pytest.mark.parametrize("call_off", [call_off_the_visit, cancel_the_job], ids=["visit", "job"])
def test_a_cancelled_visit_of_a_confirmed_and_paged_day_tells_each_person_once_per_channel(
    worker,  # noqa: F811 - the fixture imported above
    company_clock,
    coordinator,
    call_off,
):
    day = company_clock.tomorrow
    lead = EmployeeFactory(role=EmployeeRole.LEAD_INSTALLER, phone="(559) 555-0141", user=UserFactory())
    helper = EmployeeFactory(phone="(559) 555-0142", user=UserFactory())
    crew = CrewFactory(name="Red", lead=lead, members=[helper])
    customer = CustomerFactory(name="Ana Ruiz", phone="(559) 555-0143", email="ana@example.com")
    visit = visit_on(day, hour=8, crew=crew, customer=customer, job_fields={"salesperson": None})
    confirmation_sweep(day=day)
    page_out_sweep(day=day)
    wait_until_nothing_pending()
    first_texts, first_emails = sent_files(worker.files)
    assert (len(first_texts), len(first_emails)) == (3, 3)

    call_off(visit, coordinator)  # commits: the worker takes it from here
    deadline = time.monotonic() + 60
    while not VisitChange.objects.exists():
        assert time.monotonic() < deadline, (worker.files / "worker.log").read_text()
        time.sleep(0.2)
    change = VisitChange.objects.get()
    # The task delivered a second time, as after a lost acknowledgement.
    visit_change_notify_task.delay(visit.pk, change.change_key, change.kind, change.changed_at.isoformat())
    wait_until_nothing_pending()
    time.sleep(2)  # let a duplicate still in flight finish: it must find the change already told
    wait_until_nothing_pending()

    texts, emails = sent_files(worker.files)
    # The mail files are not in sending order: what came after the cancellation is what is new.
    new_texts = texts[len(first_texts) :]
    new_emails = Counter(emails) - Counter(first_emails)
    assert sorted(text["to"] for text in new_texts) == ["+15595550141", "+15595550142", "+15595550143"]
    assert sorted(new_emails.elements()) == sorted(["ana@example.com", lead.user.email, helper.user.email])
    customer_text = next(text for text in new_texts if text["to"] == "+15595550143")
    assert "cancelled" in customer_text["body"]
    rows = Message.objects.filter(kind__in=[MessageKind.VISIT_CHANGE, MessageKind.PAGE_UPDATE])
    assert rows.count() == 6
    assert set(rows.values_list("status", flat=True)) == {MessageStatus.SENT}
    assert set(rows.filter(kind=MessageKind.VISIT_CHANGE).values_list("channel", flat=True)) == set(Channel.values)
    assert VisitChange.objects.count() == 1
