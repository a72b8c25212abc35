import factory

from permits.choices import (
    HersRegistry,
    InspectionKind,
    InspectionStatus,
    PermitStatus,
    Title24FormKind,
    Title24Trigger,
)
from permits.models import HersVerification, Inspection, Jurisdiction, Permit, Title24Form, Title24Scope
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


class Title24ScopeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Title24Scope

    job = factory.SubFactory(JobFactory)
    trigger = Title24Trigger.CHANGE_OUT
    hers_required = True


class Title24FormFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Title24Form

    job = factory.SubFactory(JobFactory)
    kind = Title24FormKind.CF1R
    registry = HersRegistry.CALCERTS
    registry_id = factory.Sequence(lambda n: f"RF-{n:07d}")


class HersVerificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HersVerification

    job = factory.SubFactory(JobFactory)
    rater_company = "Valley HERS Raters"
    rater_name = "Dana Cole"
