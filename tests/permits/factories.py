import factory

from permits.choices import PermitStatus
from permits.models import Jurisdiction, Permit
from tests.jobs.factories import JobFactory


class JurisdictionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Jurisdiction
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"City of Fresno {n}")


class PermitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Permit

    job = factory.SubFactory(JobFactory)
    jurisdiction = factory.SubFactory(JurisdictionFactory)
    status = PermitStatus.APPLIED
    applied_on = factory.Faker("date_this_year")
