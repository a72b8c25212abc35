"""A customer's "another day, please" shows on the board and the job's readiness until it is settled."""

import pytest
from django.urls import reverse

from jobs.readiness import readiness_annotate, readiness_missing
from notifications.choices import ConfirmationOutcome, ConfirmationSource
from notifications.services import visit_confirmation_record
from scheduling.models import Visit

from .factories import visit_on

pytestmark = [pytest.mark.django_db, pytest.mark.company_time("11:00")]


def flags_of(visit):
    row = readiness_annotate(Visit.objects.filter(pk=visit.pk), on_visits=True).get()
    return [check.name for check in readiness_missing(row)]


def test_the_request_flags_the_visit_until_a_later_answer_settles_it(coordinator, company_clock):
    visit = visit_on(hour=9)
    assert "reschedule_requested" not in flags_of(visit)

    visit_confirmation_record(
        visit=visit,
        source=ConfirmationSource.CUSTOMER_REPLY,
        outcome=ConfirmationOutcome.RESCHEDULE_REQUESTED,
        note="Can you come Thursday instead?",
    )
    assert "reschedule_requested" in flags_of(visit)

    # The office calls back in the afternoon and the customer keeps the day after all.
    company_clock("14:00")
    visit_confirmation_record(
        visit=visit, source=ConfirmationSource.OFFICE_CALL, outcome=ConfirmationOutcome.CONFIRMED, by=coordinator
    )
    assert "reschedule_requested" not in flags_of(visit)


def test_moving_the_visit_answers_the_request(coordinator, company_clock):
    from datetime import timedelta

    from scheduling.services import visit_move

    visit = visit_on(hour=9)
    visit_confirmation_record(
        visit=visit, source=ConfirmationSource.CUSTOMER_REPLY, outcome=ConfirmationOutcome.RESCHEDULE_REQUESTED
    )
    company_clock.shift(minutes=20)  # the coordinator reads it and moves the visit
    visit_move(visit=visit, by=coordinator, starts_at=visit.starts_at + timedelta(days=2), override_reason="Asked")

    assert "reschedule_requested" not in flags_of(visit)


def test_the_board_shows_the_flag_on_the_block(client_as, coordinator):
    visit = visit_on(hour=9)
    visit_confirmation_record(
        visit=visit, source=ConfirmationSource.CUSTOMER_REPLY, outcome=ConfirmationOutcome.RESCHEDULE_REQUESTED
    )

    page = client_as(coordinator).get(reverse("scheduling:board"), {"date": visit.starts_at.date().isoformat()})

    assert page.status_code == 200
    html = page.content.decode()
    block = html[html.index(f'data-visit="{visit.pk}"') :]
    block = block[: block.index("</a>")]
    assert "bi-calendar-x" in block
    assert "customer wants another day" in html  # the legend names it
