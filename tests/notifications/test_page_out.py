"""The evening page-out to each crew, its one-tap acknowledgement, and the escalation when nobody taps."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse

from installops.clock import company_tomorrow
from jobs.choices import JobKind, JobStatus
from notifications import links
from notifications.choices import Channel, MessageKind, MessageStatus, SkipReason
from notifications.models import CrewPage, Message
from notifications.selectors import page_rows_for_day
from notifications.services import page_escalation_sweep, page_out_sweep
from people.choices import EmployeeRole
from tests.jobs.factories import CustomerFactory, JobFactory, SiteFactory, UserFactory
from tests.scheduling.factories import CrewFactory, EmployeeFactory

from .factories import visit_on

# The evening page-out's hour (NOTIFICATIONS_PAGE_OUT_AT): crews are paged about tomorrow.
pytestmark = [pytest.mark.django_db, pytest.mark.company_time("17:00")]


@pytest.fixture
def crew():
    lead = EmployeeFactory(
        role=EmployeeRole.LEAD_INSTALLER,
        phone="(559) 555-0111",
        user=UserFactory(first_name="Luis", last_name="Ortega"),
    )
    helper = EmployeeFactory(phone="(559) 555-0112", user=UserFactory(first_name="Kyle", last_name="Brandt"))
    return CrewFactory(name="Crew 1", lead=lead, members=[helper])


def sweep(capture, function=page_out_sweep):
    with capture(execute=True):
        return function()


def test_each_member_gets_their_first_call_and_installs_with_links(
    crew, django_capture_on_commit_callbacks, sms_outbox
):
    salesperson = UserFactory(first_name="Mark", last_name="Ostrowski", email="mark@example.com")
    second = visit_on(hour=13, crew=crew, job_fields={"salesperson": salesperson})
    first = visit_on(hour=8, crew=crew, customer=CustomerFactory(name="First Customer"))
    sweep(django_capture_on_commit_callbacks)

    pages = CrewPage.objects.filter(for_date=company_tomorrow())
    assert {page.employee for page in pages} == {crew.lead, *crew.members.all()}
    assert len(sms_outbox) == 2
    text = next(t for t in sms_outbox if t["to"] == "+15595550111")
    assert "first call 8:00 a.m." in text["body"]
    assert first.job.number in text["body"]
    assert "(+1 more)" in text["body"]
    assert "/notifications/p/" in text["body"]
    member_emails = [email for email in mail.outbox if email.to != ["mark@example.com"]]
    assert len(member_emails) == 2
    body = member_emails[0].body
    assert body.index(first.job.number) < body.index(second.job.number)
    assert "FIRST CALL" in body
    assert f"Job folder: {links.job_folder_url(first.job)}" in body
    assert f"Job folder: http://testserver/field/jobs/{first.job_id}/folder/latest.pdf" in body
    assert f"Sales paperwork and pictures: http://testserver/field/visits/{first.pk}/" in body
    assert "Sold by: Mark Ostrowski" in body
    # The salesperson is copied on their sale.
    (copy,) = [email for email in mail.outbox if email.to == ["mark@example.com"]]
    assert second.job.number in copy.subject
    assert "Luis Ortega" in copy.body
    assert Message.objects.get(kind=MessageKind.PAGE_OUT_COPY).visit == second


def test_warranty_calls_carry_the_customers_service_history(crew, django_capture_on_commit_callbacks):
    customer = CustomerFactory()
    site = SiteFactory(customer=customer)
    install = JobFactory(customer=customer, site=site, status=JobStatus.CLOSED, description="3-ton change-out")
    warranty = JobFactory(customer=customer, site=site, kind=JobKind.WARRANTY, original_job=install)
    visit_on(crew=crew, job=warranty)
    sweep(django_capture_on_commit_callbacks)

    body = mail.outbox[0].body
    assert "Service history of this customer:" in body
    assert f"{install.number} Install (closed): 3-ton change-out" in body


def test_a_page_out_run_twice_pages_once(crew, django_capture_on_commit_callbacks, sms_outbox):
    visit_on(crew=crew)
    sweep(django_capture_on_commit_callbacks)
    again = sweep(django_capture_on_commit_callbacks)
    assert again.queued == 0
    assert len(sms_outbox) == 2
    assert CrewPage.objects.count() == 2


def test_a_member_without_a_phone_is_skipped_and_shown_on_the_list(crew, django_capture_on_commit_callbacks):
    crew.lead.phone = ""
    crew.lead.save()
    visit_on(crew=crew)
    sweep(django_capture_on_commit_callbacks)
    text = Message.objects.get(kind=MessageKind.PAGE_OUT, channel=Channel.SMS, recipient_user=crew.lead.user)
    assert (text.status, text.skip_reason) == (MessageStatus.SKIPPED, SkipReason.NO_PHONE)
    row = next(row for row in page_rows_for_day(day=company_tomorrow()) if row.page.employee == crew.lead)
    assert row.problems == [text]


def test_one_tap_acknowledges_and_a_link_preview_does_not(crew, client, django_capture_on_commit_callbacks):
    visit_on(crew=crew)
    sweep(django_capture_on_commit_callbacks)
    page = CrewPage.objects.get(employee=crew.lead)
    url = reverse("notifications:page_acknowledge", args=[links.page_acknowledge_token(page.pk)])

    preview = client.get(url)
    page.refresh_from_db()
    assert preview.status_code == 200
    assert "Got it" in preview.content.decode()
    assert page.acknowledged_at is None

    client.post(url)
    page.refresh_from_db()
    first_tap = page.acknowledged_at
    assert first_tap is not None
    client.post(url)
    page.refresh_from_db()
    assert page.acknowledged_at == first_tap
    assert "Acknowledged" in client.get(url).content.decode()


def test_a_bad_acknowledge_link_gets_the_friendly_page(client):
    response = client.post(reverse("notifications:page_acknowledge", args=["nope"]))
    assert response.status_code == 404
    assert "no longer valid" in response.content.decode()


def test_unacknowledged_pages_escalate_to_the_coordinator_once(
    crew, coordinator, django_capture_on_commit_callbacks, sms_outbox, company_clock
):
    coordinator.employee.phone = "(559) 555-0199"
    coordinator.employee.save()
    visit_on(crew=crew)
    sweep(django_capture_on_commit_callbacks)
    from notifications.services import crew_page_acknowledge

    crew_page_acknowledge(page=CrewPage.objects.get(employee=crew.lead))
    sms_outbox.clear()
    mail.outbox.clear()

    company_clock("20:00")  # NOTIFICATIONS_PAGE_ACK_BY: the escalation sweep
    sweep(django_capture_on_commit_callbacks, page_escalation_sweep)
    sweep(django_capture_on_commit_callbacks, page_escalation_sweep)

    (text,) = sms_outbox
    assert text["to"] == "+15595550199"
    assert "1 page for" in text["body"]
    assert "Kyle Brandt" in text["body"]
    assert "Luis Ortega" not in text["body"]
    (email,) = mail.outbox
    assert email.to == [coordinator.email]
    assert "/notifications/page-outs/?day=" in email.body
    pages = {page.employee_id: page for page in CrewPage.objects.all()}
    assert pages[crew.lead.pk].escalated_at is None
    assert pages[crew.members.exclude(pk=crew.lead.pk).get().pk].escalated_at == company_clock.now


def test_the_page_out_list_shows_who_acknowledged(
    crew, coordinator, client_as, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    visit_on(crew=crew)
    sweep(django_capture_on_commit_callbacks)
    from notifications.services import crew_page_acknowledge

    crew_page_acknowledge(page=CrewPage.objects.get(employee=crew.lead))
    client = client_as(coordinator)
    url = reverse("notifications:page_worklist")
    client.get(url)
    with django_assert_max_num_queries(9):
        response = client.get(url)
    content = response.content.decode()
    assert content.count('data-acknowledged="yes"') == 1
    assert content.count('data-acknowledged="no"') == 1
    for hour in (13, 18):
        visit_on(hour=hour, crew=CrewFactory(members=[EmployeeFactory(), EmployeeFactory()]))
    sweep(django_capture_on_commit_callbacks)
    with django_assert_max_num_queries(9):
        response = client.get(url)
    assert response.content.decode().count("data-acknowledged=") == 8


def test_a_past_day_can_be_looked_up(coordinator, client_as, company_clock):
    day = company_clock.today - timedelta(days=2)
    response = client_as(coordinator).get(reverse("notifications:page_worklist"), {"day": day.isoformat()})
    assert response.status_code == 200
    assert "No pages for this day" in response.content.decode()


@pytest.mark.parametrize("role", ["accounting", "installer", "salesperson"])
def test_only_the_office_coordinators_see_the_page_out_list(request, client_as, role):
    assert client_as(request.getfixturevalue(role)).get(reverse("notifications:page_worklist")).status_code == 403
