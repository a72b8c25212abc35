import factory
from django.utils import timezone

from permits.choices import PacketStatus, PermitStatus
from permits.models import Jurisdiction, Permit, PermitPacket
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
