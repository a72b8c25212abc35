from datetime import date, datetime, time, timedelta

import factory
from django.conf import settings

from installops.clock import company_tomorrow, company_zone
from notifications.choices import Channel, MessageKind, MessageStatus
from notifications.models import Message
from tests.jobs.factories import CustomerFactory, JobFactory, SiteFactory
from tests.scheduling.factories import CrewFactory, VisitFactory


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=company_zone())


def visit_on(day: date | None = None, *, hour: int = 8, hours: int = 4, crew=None, customer=None, job=None, **fields):
    """A scheduled visit on that day (default tomorrow) at that hour, company time, with an arrival window."""
    day = day or company_tomorrow()
    if job is None:
        customer = customer or CustomerFactory()
        job = JobFactory(customer=customer, site=SiteFactory(customer=customer), **fields.pop("job_fields", {}))
    starts = at(day, hour)
    return VisitFactory(
        job=job,
        crew=crew or CrewFactory(),
        starts_at=starts,
        ends_at=starts + timedelta(hours=hours),
        arrival_window_start=starts,
        arrival_window_end=starts + timedelta(hours=2),
        **fields,
    )


class MessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Message

    kind = MessageKind.CONFIRMATION
    channel = Channel.SMS
    status = MessageStatus.PENDING
    for_date = factory.LazyFunction(company_tomorrow)
    idempotency_key = factory.Sequence(lambda n: f"test:{n}")
    recipient_name = "Test Customer"
    recipient_address = "+15595550142"


assert settings.SMS_BACKEND.endswith("locmem.SmsBackend"), "tests expect the in-memory SMS backend"
