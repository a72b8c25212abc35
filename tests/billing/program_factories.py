"""Factories for rebates, warranty registrations and maintenance agreements."""

from datetime import date
from decimal import Decimal

import factory

from billing.choices import RebateDocument, RebatePayee, Season, SponsorKind
from billing.models import AgreementPlan, EquipmentRating, MaintenanceAgreement, Rebate, RebateProgram, WarrantyTerms
from jobs.choices import EquipmentKind
from jobs.models import InstalledEquipment
from tests.jobs.factories import JobFactory


class InstalledEquipmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InstalledEquipment

    job = factory.SubFactory(JobFactory)
    kind = EquipmentKind.HEAT_PUMP
    manufacturer = "Carrier"
    model_number = factory.Sequence(lambda n: f"25VNA4{n:02d}")
    serial_number = factory.Sequence(lambda n: f"SN{n:06d}")


class EquipmentRatingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EquipmentRating

    manufacturer = "Carrier"
    model_number = factory.Sequence(lambda n: f"RATED{n:04d}")
    kind = EquipmentKind.HEAT_PUMP
    seer2 = Decimal("17.00")
    eer2 = Decimal("12.00")
    hspf2 = Decimal("8.10")
    ahri_reference = factory.Sequence(lambda n: f"2105{n:05d}")


class RebateProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RebateProgram

    name = factory.Sequence(lambda n: f"Heat pump rebate {n}")
    sponsor_kind = SponsorKind.UTILITY
    sponsor_name = "PG&E"
    amount = Decimal("1000.00")
    payee_default = RebatePayee.CUSTOMER
    required_documents = factory.LazyFunction(lambda: [RebateDocument.AHRI, RebateDocument.INVOICE])
    equipment_kinds = factory.LazyFunction(lambda: [EquipmentKind.HEAT_PUMP])
    min_seer2 = Decimal("16.00")


class RebateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Rebate

    job = factory.SubFactory(JobFactory)
    program = factory.SubFactory(RebateProgramFactory)
    payee = RebatePayee.CUSTOMER
    amount_expected = Decimal("1000.00")
    opened_on = factory.LazyFunction(lambda: date(2026, 11, 2))


class WarrantyTermsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WarrantyTerms
        django_get_or_create = ["manufacturer"]

    manufacturer = "Carrier"
    register_within_days = 90
    parts_years = 10
    labor_years = 0


class AgreementPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgreementPlan
        django_get_or_create = ["name"]

    name = "Gold"
    price = Decimal("199.00")
    term_months = 12
    visits_per_term = 2
    seasons = factory.LazyFunction(lambda: [Season.SPRING, Season.FALL])


class MaintenanceAgreementFactory(factory.django.DjangoModelFactory):
    """An agreement row alone (no visits); enter one with billing.services.agreement_enter for its jobs."""

    class Meta:
        model = MaintenanceAgreement

    customer = factory.LazyAttribute(lambda o: o.site.customer)
    site = factory.LazyAttribute(lambda o: JobFactory().site)
    plan = factory.SubFactory(AgreementPlanFactory)
    price = Decimal("199.00")
    starts_on = date(2026, 6, 1)
    ends_on = date(2027, 5, 31)
    visits_included = 2
