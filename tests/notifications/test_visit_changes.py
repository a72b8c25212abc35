"""A visit moved, re-crewed, called off or booked after its customer was asked or its crew paged: exactly
the people already told hear of it, once per change, and nobody not told yet hears anything."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse

from installops.clock import company_date
from notifications.choices import Channel, MessageKind, MessageStatus, VisitChangeKind
from notifications.models import CrewPage, Message, VisitChange
from notifications.services import confirmation_sweep, crew_page_acknowledge, page_out_sweep, visit_change_notify
from people.choices import EmployeeRole
from scheduling.choices import VisitStatus
from scheduling.models import Visit
from scheduling.notices import change_audience_sentence, visit_before
from scheduling.services import visit_book, visit_cancel, visit_move, visit_reschedule
from tests.jobs.factories import CustomerFactory, UserFactory
from tests.scheduling.factories import CrewFactory, EmployeeFactory

from .factories import at, visit_on

# After the day's sweeps (confirmations 10:00, page-out 17:00): tomorrow's people have been told.
pytestmark = [pytest.mark.django_db, pytest.mark.company_time("18:00")]


def make_crew(name: str, first: str, phone_end: int):
    lead = EmployeeFactory(
        role=EmployeeRole.LEAD_INSTALLER,
        phone=f"(559) 555-{phone_end:04d}",
        user=UserFactory(first_name=first, last_name="Lead"),
    )
    helper = EmployeeFactory(
        phone=f"(559) 555-{phone_end + 1:04d}", user=UserFactory(first_name=f"{first}s", last_name="Helper")
    )
    return CrewFactory(name=name, lead=lead, members=[helper])


@pytest.fixture
def red():
    return make_crew("Red", "Rita", 2100)


@pytest.fixture
def blue():
    return make_crew("Blue", "Bart", 2200)


@pytest.fixture
def told(red, blue, company_clock, django_capture_on_commit_callbacks, sms_outbox):
    """Ana Ruiz's visit tomorrow at 8 with crew Red, Blue busy elsewhere tomorrow; all confirmed and paged."""
    visit = visit_on(company_clock.tomorrow, hour=8, crew=red, customer=CustomerFactory(name="Ana Ruiz"))
    visit_on(company_clock.tomorrow, hour=13, crew=blue)
    with django_capture_on_commit_callbacks(execute=True):
        confirmation_sweep()
        page_out_sweep()
    assert Message.objects.filter(status=MessageStatus.SENT).count() >= 10
    sms_outbox.clear()
    mail.outbox.clear()
    return visit


def changes(kind=None) -> list[Message]:
    """The messages the changes sent, (kind, recipient, channel) sorted."""
    rows = Message.objects.filter(kind__in=[MessageKind.VISIT_CHANGE, MessageKind.PAGE_UPDATE])
    if kind:
        rows = rows.filter(kind=kind)
    return sorted(rows.values_list("kind", "recipient_name", "channel"))


def people(crew) -> list[str]:
    return sorted({str(person) for person in [crew.lead, *crew.members.all()]})


def each_channel(kind, names) -> list[tuple]:
    return sorted((kind, name, channel) for name in names for channel in Channel.values)


def run(capture, function, **kwargs):
    with capture(execute=True):
        return function(**kwargs)


def test_a_visit_dragged_to_another_crew_and_hour_tells_the_customer_and_both_crews_once(
    told, red, blue, coordinator, django_capture_on_commit_callbacks, sms_outbox
):
    before = visit_before(told)
    first_messages = Message.objects.filter(kind__in=[MessageKind.CONFIRMATION, MessageKind.PAGE_OUT]).count()
    moved = run(
        django_capture_on_commit_callbacks,
        visit_move,
        visit=told,
        crew=blue,
        starts_at=told.starts_at + timedelta(hours=9),
        by=coordinator,
        override_reason="Squeezed in",
    )

    assert changes(MessageKind.VISIT_CHANGE) == each_channel(MessageKind.VISIT_CHANGE, ["Ana Ruiz"])
    assert changes(MessageKind.PAGE_UPDATE) == each_channel(MessageKind.PAGE_UPDATE, people(red) + people(blue))
    assert set(Message.objects.filter(kind__in=[MessageKind.VISIT_CHANGE, MessageKind.PAGE_UPDATE]).values_list(
        "status", flat=True)) == {MessageStatus.SENT}  # fmt: skip
    # Nothing else: no second confirmation, no second first page.
    assert Message.objects.filter(kind__in=[MessageKind.CONFIRMATION, MessageKind.PAGE_OUT]).count() == first_messages
    customer_sms = Message.objects.get(kind=MessageKind.VISIT_CHANGE, channel=Channel.SMS)
    assert [text["body"] for text in sms_outbox if text["to"] == customer_sms.recipient_address] == [customer_sms.body]
    assert "has changed" in customer_sms.body
    assert "arriving between 5:00 p.m." in customer_sms.body
    assert "/notifications/c/" in customer_sms.body  # a new confirmation link
    red_update = Message.objects.get(kind=MessageKind.PAGE_UPDATE, channel=Channel.SMS, recipient_user=red.lead.user)
    assert "nothing is booked for you" in red_update.body
    blue_update = Message.objects.get(kind=MessageKind.PAGE_UPDATE, channel=Channel.SMS, recipient_user=blue.lead.user)
    assert "first call 1:00 p.m." in blue_update.body
    assert change_audience_sentence(moved, before=before) == (
        "Customer Ana Ruiz, crew Red (2 people) and crew Blue (2 people) will be told."
    )


def test_a_page_update_reopens_the_acknowledgement(told, red, coordinator, django_capture_on_commit_callbacks):
    page = CrewPage.objects.get(employee=red.lead)
    crew_page_acknowledge(page=page)
    run(django_capture_on_commit_callbacks, visit_move, visit=told, starts_at=told.starts_at + timedelta(hours=1),
        by=coordinator, override_reason="Weekend")  # fmt: skip
    page.refresh_from_db()
    assert page.acknowledged_at is None
    crew_page_acknowledge(page=page)
    page.refresh_from_db()
    assert page.acknowledged_at is not None


def test_a_cancelled_visit_tells_the_customer_it_is_off_and_the_crew_their_day(
    told, red, blue, coordinator, django_capture_on_commit_callbacks
):
    run(django_capture_on_commit_callbacks, visit_cancel, visit=told, by=coordinator, reason="Customer sick")

    assert changes(MessageKind.VISIT_CHANGE) == each_channel(MessageKind.VISIT_CHANGE, ["Ana Ruiz"])
    assert changes(MessageKind.PAGE_UPDATE) == each_channel(MessageKind.PAGE_UPDATE, people(red))
    email = Message.objects.get(kind=MessageKind.VISIT_CHANGE, channel=Channel.EMAIL)
    assert "cancelled" in email.subject
    assert "/notifications/c/" not in email.body
    assert VisitChange.objects.get().kind == VisitChangeKind.RELEASED


def test_a_visit_moved_to_a_day_nobody_was_paged_for_updates_the_old_day_only(
    told, red, coordinator, company_clock, django_capture_on_commit_callbacks
):
    later = told.starts_at + timedelta(days=2)
    run(django_capture_on_commit_callbacks, visit_move, visit=told, starts_at=later, by=coordinator,
        override_reason="Moved")  # fmt: skip

    customer = Message.objects.filter(kind=MessageKind.VISIT_CHANGE)
    assert customer.count() == 2
    assert set(customer.values_list("for_date", flat=True)) == {company_date(later)}
    assert changes(MessageKind.PAGE_UPDATE) == each_channel(MessageKind.PAGE_UPDATE, people(red))
    assert set(Message.objects.filter(kind=MessageKind.PAGE_UPDATE).values_list("for_date", flat=True)) == {
        company_clock.tomorrow
    }


def test_only_a_crew_handed_over_at_the_same_time_tells_the_crews_not_the_customer(
    told, red, blue, coordinator, django_capture_on_commit_callbacks
):
    run(django_capture_on_commit_callbacks, visit_move, visit=told, crew=blue, by=coordinator,
        override_reason="Swap")  # fmt: skip
    assert changes(MessageKind.VISIT_CHANGE) == []
    assert changes(MessageKind.PAGE_UPDATE) == each_channel(MessageKind.PAGE_UPDATE, people(red) + people(blue))


def test_the_same_change_delivered_twice_sends_nothing_more_and_a_second_change_sends_again(
    told, red, coordinator, django_capture_on_commit_callbacks
):
    run(django_capture_on_commit_callbacks, visit_move, visit=told, starts_at=told.starts_at + timedelta(hours=1),
        by=coordinator, override_reason="Weekend")  # fmt: skip
    change = VisitChange.objects.get()
    first = Message.objects.count()
    again = run(
        django_capture_on_commit_callbacks,
        visit_change_notify,
        visit_id=told.pk,
        change_id=change.change_key,
        kind=change.kind,
        changed_at=change.changed_at,
        old_starts_at=change.old_starts_at,
        old_crew_id=change.old_crew_id,
        old_technician_id=change.old_technician_id,
    )
    assert again == change
    assert Message.objects.count() == first

    run(django_capture_on_commit_callbacks, visit_move, visit=told, starts_at=told.starts_at + timedelta(hours=2),
        by=coordinator, override_reason="Weekend")  # fmt: skip
    assert VisitChange.objects.count() == 2
    assert len(changes(MessageKind.VISIT_CHANGE)) == 4
    assert len(changes(MessageKind.PAGE_UPDATE)) == 8


@pytest.mark.company_time("07:00")
def test_nobody_told_yet_hears_nothing(red, coordinator, company_clock, django_capture_on_commit_callbacks):
    visit = visit_on(company_clock.tomorrow, hour=8, crew=red)
    before = visit_before(visit)
    moved = run(django_capture_on_commit_callbacks, visit_move, visit=visit,
                starts_at=visit.starts_at + timedelta(hours=1), by=coordinator, override_reason="Weekend")  # fmt: skip
    run(django_capture_on_commit_callbacks, visit_cancel, visit=moved, by=coordinator, reason="Off")
    assert not Message.objects.exists()
    assert change_audience_sentence(moved, before=before) == ""


def test_a_booking_into_a_paged_day_is_one_update_for_the_crew_not_a_page_and_an_update(
    told, blue, coordinator, company_clock, django_capture_on_commit_callbacks
):
    new = visit_on(company_clock.tomorrow, hour=17, crew=None, technician=None)  # only for its job
    Visit.objects.filter(pk=new.pk).delete()
    pages = Message.objects.filter(kind=MessageKind.PAGE_OUT).count()
    run(
        django_capture_on_commit_callbacks,
        visit_book,
        job=new.job,
        crew=blue,
        starts_at=at(company_clock.tomorrow, 17),
        ends_at=at(company_clock.tomorrow, 19),
        by=coordinator,
        override_reason="Late add",
    )
    assert changes(MessageKind.PAGE_UPDATE) == each_channel(MessageKind.PAGE_UPDATE, people(blue))
    assert Message.objects.filter(kind=MessageKind.PAGE_OUT).count() == pages
    # A new customer was never asked: the catch-up asks them (one confirmation a channel), no change message.
    assert Message.objects.filter(job=new.job, kind=MessageKind.CONFIRMATION).count() == 2
    assert changes(MessageKind.VISIT_CHANGE) == []


def test_a_reschedule_is_one_change_for_the_customer_and_one_update_a_crew_member(
    told, red, coordinator, company_clock, django_capture_on_commit_callbacks
):
    new = run(
        django_capture_on_commit_callbacks,
        visit_reschedule,
        visit=told,
        starts_at=told.starts_at + timedelta(hours=4),
        reason="Customer asked",
        by=coordinator,
        override_reason="Weekend",
    )
    assert told.__class__.objects.get(pk=told.pk).status == VisitStatus.RESCHEDULED
    customer = Message.objects.filter(kind=MessageKind.VISIT_CHANGE)
    assert customer.count() == 2
    assert set(customer.values_list("visit", flat=True)) == {new.pk}
    assert changes(MessageKind.PAGE_UPDATE) == each_channel(MessageKind.PAGE_UPDATE, people(red))
    assert not Message.objects.filter(visit=new, kind=MessageKind.CONFIRMATION).exists()


def test_who_will_be_told_is_worked_out_in_constant_queries(
    told, red, coordinator, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    before = visit_before(told)
    moved = run(django_capture_on_commit_callbacks, visit_move, visit=told,
                starts_at=told.starts_at + timedelta(hours=1), by=coordinator, override_reason="Weekend")  # fmt: skip
    moved = Visit.objects.select_related("job__customer").get(pk=moved.pk)
    with django_assert_max_num_queries(2):
        assert change_audience_sentence(moved, before=before) == (
            "Customer Ana Ruiz and crew Red (2 people) will be told."
        )
    more = [EmployeeFactory() for _ in range(5)]
    red.members.add(*more)
    day = company_date(before.starts_at)
    CrewPage.objects.bulk_create([CrewPage(employee=person, crew=red, for_date=day) for person in more])
    with django_assert_max_num_queries(2):
        assert change_audience_sentence(moved, before=before) == (
            "Customer Ana Ruiz and crew Red (7 people) will be told."
        )


def test_the_board_answers_a_drop_with_who_will_be_told(told, red, client_as, coordinator, company_clock):
    response = client_as(coordinator).post(
        reverse("scheduling:visit_move", args=[told.pk]),
        {"row": f"crew-{red.pk}", "day": company_clock.tomorrow.isoformat(), "hour": "10", "override_reason": "x"},
    )
    assert response.status_code == 200
    assert response.json()["told"] == "Customer Ana Ruiz and crew Red (2 people) will be told."
    assert response.json()["message"].endswith("Customer Ana Ruiz and crew Red (2 people) will be told.")


def test_calling_a_visit_off_on_its_page_says_who_will_be_told(told, client_as, coordinator):
    response = client_as(coordinator).post(
        reverse("scheduling:visit_status", args=[told.pk]),
        {"to_status": VisitStatus.CANCELLED, "reason": "Customer sick"},
        follow=True,
    )
    assert response.status_code == 200
    assert "Customer Ana Ruiz and crew Red (2 people) will be told." in response.content.decode()
