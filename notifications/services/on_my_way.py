"""Telling the customer the crew is on the way."""

from django.contrib.auth import get_user_model
from django.db import transaction

from installops.clock import company_today
from scheduling.models import Visit

from ..choices import MessageKind
from .queueing import SweepResult, messages_queue, messages_to_customer, sweep_result


def on_my_way_notify(*, visit_id: int, by_id: int | None) -> SweepResult:
    """Tell the customer who is on the way. Once per visit and day, however often the button is pressed."""
    visit = Visit.objects.select_related("job__customer", "technician__user", "crew__lead__user").get(pk=visit_id)
    by = get_user_model().objects.filter(pk=by_id).first() if by_id else None
    tech = by.get_full_name() if by else ""
    if not tech:
        person = visit.technician or (visit.crew.lead if visit.crew is not None else None)
        tech = str(person) if person else "Our technician"
    day = company_today()
    with transaction.atomic():
        messages = messages_to_customer(visit, kind=MessageKind.ON_MY_WAY, day=day)
        for message in messages:
            message.context = {"tech_name": tech}
        queued = messages_queue(messages)
    return sweep_result(day, messages, queued)
