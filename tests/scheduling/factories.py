from datetime import date, datetime, time, timedelta

import factory
from django.utils import timezone

from people.choices import EmployeeRole
from scheduling.choices import VisitStatus
from scheduling.models import Crew, Skill, Visit
from tests.jobs.factories import JobFactory
from tests.people.factories import EmployeeFactory


class SkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Skill
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Skill {n}")


class CrewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Crew
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Crew {n}")
    lead = factory.SubFactory(EmployeeFactory, role=EmployeeRole.LEAD_INSTALLER)

    @factory.post_generation
    def members(self, create, extracted, **kwargs):
        if not create:
            return
        self.members.add(self.lead, *(extracted or []))


class VisitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Visit

    job = factory.SubFactory(JobFactory)
    crew = factory.SubFactory(CrewFactory)
    # Each visit gets its own block so a crew is never double-booked by the factory itself.
    starts_at = factory.Sequence(
        lambda n: timezone.now().replace(minute=0, second=0, microsecond=0) + timedelta(hours=5 * n)
    )
    ends_at = factory.LazyAttribute(lambda visit: visit.starts_at + timedelta(hours=4))
    status = VisitStatus.SCHEDULED


def next_weekday(weekday: int, *, weeks_ahead: int = 1) -> date:
    """A date in the coming weeks on that weekday (0 = Monday), never today."""
    today = timezone.localdate()
    days = (weekday - today.weekday()) % 7 or 7
    return today + timedelta(days=days + 7 * (weeks_ahead - 1))


def local_dt(day: date, hour: int, minute: int = 0) -> datetime:
    """An aware datetime at that wall-clock time in the company's zone."""
    return datetime.combine(day, time(hour, minute), tzinfo=timezone.get_current_timezone())
