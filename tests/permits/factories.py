import factory
from django.utils import timezone

from permits.choices import (
    HersRegistry,
    InspectionKind,
    InspectionStatus,
    PacketStatus,
    PermitStatus,
    Title24FormKind,
    Title24Trigger,
)
from permits.models import (
    HersVerification,
    Inspection,
    Jurisdiction,
    Permit,
    PermitPacket,
    Title24Form,
    Title24Scope,
)
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


class PermitPacketFactory(factory.django.DjangoModelFactory):
    """A made packet (its PDF stored) of an issued permit."""

    class Meta:
        model = PermitPacket

    permit = factory.SubFactory(
        PermitFactory, status=PermitStatus.ISSUED, number=factory.Sequence(lambda n: f"B-{n:05d}")
    )
    status = PacketStatus.DONE
    fingerprint = "f" * 64
    file = factory.django.FileField(filename="packet.pdf", data=b"%PDF-1.4\n%%EOF\n")
    page_count = 2
    finished_at = factory.LazyFunction(timezone.now)
