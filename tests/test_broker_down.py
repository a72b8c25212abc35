"""The broker is down while the office works (a real server): every request answers normally and keeps
its work; once the broker is back, the relay and a real worker send each message once and make the PDF."""

import uuid
from urllib.error import HTTPError
from urllib.parse import urlencode
from urllib.request import HTTPRedirectHandler, Request, build_opener

import pytest
from django.urls import reverse

from field import services as field_services
from field.choices import RenderStatus
from field.models import JobFolderRender
from notifications import services as notification_services
from notifications.choices import Channel, MessageKind, MessageStatus
from notifications.models import Message, OwedTask
from scheduling.choices import VisitStatus
from tests.jobs.factories import CustomerFactory, JobFactory, SiteFactory
from tests.lifecycle_facts import issue_permit
from tests.notifications.factories import MessageFactory, visit_on
from tests.outbox import WorkerProcess, dead_broker, publishing_to, wait_for
from tests.scheduling.factories import CrewFactory

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

CSRF = "outboxtestcsrftoken0123456789abc"  # 32 characters: the cookie and the form carry the same one
# The worker must agree the day's confirmations already went out, whatever the machine's hour.
WORKER_ENV = {"NOTIFICATIONS_CONFIRMATIONS_AT": "00:00", "NOTIFICATIONS_PAGE_OUT_AT": "23:59"}


class _NoRedirects(HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """Form posts to the live server, signed in by the session the test client made; redirects are
    followed and cookies kept (the flash messages ride in one)."""

    def __init__(self, base_url: str, session_key: str):
        self.base_url = base_url
        self.opener = build_opener(_NoRedirects)
        self.cookies = {"sessionid": session_key, "csrftoken": CSRF}

    def _open(self, request: Request) -> tuple[int, str, str]:
        request.add_header("Cookie", "; ".join(f"{name}={value}" for name, value in self.cookies.items()))
        try:
            response = self.opener.open(request, timeout=60)
        except HTTPError as error:
            response = error
        with response:
            for header in response.headers.get_all("Set-Cookie") or []:
                name, _, value = header.split(";", 1)[0].partition("=")
                self.cookies[name.strip()] = value.strip()
            return response.status, response.headers.get("Location", ""), response.read().decode()

    def post(self, path: str, data: dict) -> tuple[int, str]:
        body = urlencode({**data, "csrfmiddlewaretoken": CSRF}).encode()
        status, location, page = self._open(Request(self.base_url + path, data=body))  # noqa: S310 - the live server
        while status in (301, 302, 303):
            assert location.startswith("/"), location  # the app redirects within itself
            status, location, page = self._open(Request(self.base_url + location))  # noqa: S310 - the live server
        return status, page


@pytest.fixture
def office(live_server, client, coordinator):
    client.force_login(coordinator)
    return Browser(live_server.url, client.cookies["sessionid"].value)


def test_with_the_broker_down_the_office_works_on_and_everything_goes_out_once_when_it_is_back(
    office, tmp_path, company_clock, settings
):
    company_clock.machine_time()  # the worker's clock
    settings.NOTIFICATIONS_CONFIRMATIONS_AT, settings.NOTIFICATIONS_PAGE_OUT_AT = "00:00", "23:59"
    customer = CustomerFactory(phone="(559) 555-0101", email="booked@example.com")
    job = JobFactory(customer=customer, site=SiteFactory(customer=customer))
    crew = CrewFactory()
    on_the_way = visit_on(company_clock.today, hour=8, crew=CrewFactory(), customer=CustomerFactory(
        phone="(559) 555-0102", email="otw@example.com"))  # fmt: skip
    issue_permit(on_the_way.job)  # the crew may start it
    failed = MessageFactory(
        visit=on_the_way, job=on_the_way.job, kind=MessageKind.CONFIRMATION, channel=Channel.SMS,
        recipient_address="+15595550103", status=MessageStatus.FAILED, error="Twilio was down (HTTP 503)",
        idempotency_key=f"confirmation:{on_the_way.pk}:resend-test:sms",
    )  # fmt: skip

    with dead_broker():
        # Booking tomorrow, after the morning's confirmations went out.
        status, page = office.post(
            reverse("scheduling:visit_book", args=[job.pk]),
            {"crew": crew.pk, "day": company_clock.tomorrow.isoformat(), "start_time": "09:00",
             "estimated_hours": "4", "override_reason": "Squeezed in"},
        )  # fmt: skip
        assert status == 200, page
        assert f"{job.number} booked" in page
        status, page = office.post(
            reverse("scheduling:visit_status", args=[on_the_way.pk]), {"to_status": VisitStatus.ON_MY_WAY}
        )
        assert status == 200, page
        status, page = office.post(reverse("field:job_folder_print", args=[job.pk]), {"audience": "field"})
        assert status == 200, page
        assert "PDF will be made shortly" in page
        status, page = office.post(
            reverse("notifications:message_resend", args=[failed.pk]), {"next": job.get_absolute_url()}
        )
        assert status == 200, page
        assert "it will go out shortly" in page

    # Everything was saved; nothing reached the broker.
    on_the_way.refresh_from_db()
    assert on_the_way.status == VisitStatus.ON_MY_WAY
    assert OwedTask.objects.filter(enqueued_at__isnull=True).count() == 2  # the booking's and on my way
    render = JobFolderRender.objects.get(job=job)
    assert (render.status, render.enqueued_at) == (RenderStatus.QUEUED, None)
    failed.refresh_from_db()
    assert (failed.status, failed.enqueued_at) == (MessageStatus.PENDING, None)

    # The broker is back: a worker, and the relays' next run.
    queue = f"test-{uuid.uuid4().hex[:8]}"
    worker = WorkerProcess(tmp_path, queue, extra_queues=("pdf",), env=WORKER_ENV)
    try:
        with publishing_to(queue):
            company_clock.shift(seconds=30)  # past the relay's grace for work saved a moment ago
            notification_services.messages_relay()
            field_services.job_folder_render_relay()
            company_clock.machine_time()

            booked = Message.objects.filter(job=job, kind=MessageKind.CONFIRMATION)
            wait_for(
                lambda: (
                    not OwedTask.objects.exists()
                    and booked.filter(status=MessageStatus.SENT).count() == 2
                    and Message.objects.filter(kind=MessageKind.ON_MY_WAY, status=MessageStatus.SENT).count() == 2
                    and Message.objects.filter(pk=failed.pk, status=MessageStatus.SENT).exists()
                    and JobFolderRender.objects.filter(pk=render.pk, status=RenderStatus.DONE).exists()
                ),
                what="every message sent and the folder made",
                log=worker.log,
            )
            # A second relay run (the next minute) finds nothing owed.
            company_clock.shift(minutes=5)
            result = notification_services.messages_relay()
            assert (result.messages_queued, result.owed_queued) == (0, 0)
            wait_for(lambda: not Message.objects.exclude(status__in=["sent", "skipped"]).exists(), log=worker.log)
    finally:
        worker.stop()
        from tests.outbox import QueueProbe

        QueueProbe(queue).delete("pdf")

    texts = sorted(text["to"] for text in worker.texts())
    assert texts == ["+15595550101", "+15595550102", "+15595550103"]
    assert sorted(worker.email_recipients()) == ["booked@example.com", "otw@example.com"]
