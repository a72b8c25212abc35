import factory

from permits.choices import InspectionKind, InspectionStatus, PermitStatus
from permits.models import Inspection, Jurisdiction, Permit
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


class InspectionFactory(factory.django.DjangoModelFactory):
    """An inspection to book on an install (pass status, scheduled_on and result_on as the test needs)."""

    class Meta:
        model = Inspection

    job = factory.SubFactory(JobFactory)
    kind = InspectionKind.FINAL
    status = InspectionStatus.TO_BOOK
