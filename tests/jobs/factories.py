from datetime import date
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model

from jobs.choices import JobKind, JobStatus
from jobs.models import Customer, FinanceCompany, Job, JobStatusChange, Site


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    password = factory.django.Password("pass-for-tests-1")


class CustomerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Customer

    name = factory.Faker("name")
    phone = factory.Sequence(lambda n: f"(559) 555-{n % 10000:04d}")
    email = factory.Sequence(lambda n: f"customer{n}@example.com")
    billing_street = factory.Faker("street_address")
    billing_city = "Fresno"
    billing_zip = "93711"


class SiteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Site

    customer = factory.SubFactory(CustomerFactory)
    street = factory.Faker("street_address")
    city = "Fresno"
    zip_code = "93711"


class FinanceCompanyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FinanceCompany
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Finance Co {n}")


class JobFactory(factory.django.DjangoModelFactory):
    """A job as it stands; to test the pipeline, move it with jobs.services.job_change_status."""

    class Meta:
        model = Job

    number = factory.Sequence(lambda n: f"T{n:05d}")
    kind = JobKind.INSTALL
    status = JobStatus.SOLD
    customer = factory.SubFactory(CustomerFactory)
    site = factory.SubFactory(SiteFactory, customer=factory.SelfAttribute("..customer"))
    sold_on = factory.LazyFunction(date.today)
    contract_amount = Decimal("12500.00")
    equipment_proposed = "Carrier 3-ton AC\nCarrier 80% furnace"
    description = "Change-out of the existing system."


class JobStatusChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JobStatusChange

    job = factory.SubFactory(JobFactory)
    from_status = JobStatus.SOLD
    to_status = JobStatus.SCHEDULED
    changed_at = factory.Faker("date_time", tzinfo=__import__("datetime").UTC)
