"""Two people acting at once on the same unit, job or agreement: one wins, the other is told why."""

from datetime import date

import pytest

from billing.models import MaintenanceAgreement, Rebate, WarrantyRegistration
from billing.services import agreement_enter, rebate_open, warranty_register
from installops.errors import DomainError
from jobs.choices import EquipmentKind
from tests.billing.program_factories import (
    AgreementPlanFactory,
    EquipmentRatingFactory,
    InstalledEquipmentFactory,
    RebateProgramFactory,
    WarrantyTermsFactory,
)
from tests.concurrency import two_at_once
from tests.jobs.factories import JobFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.company_time("2026-11-24 09:00")]


def one_won(outcomes: dict) -> DomainError:
    refused = [outcome for outcome in outcomes.values() if isinstance(outcome, DomainError)]
    assert len(refused) == 1, outcomes
    return refused[0]


def test_one_registration_of_a_serial(accounting, coordinator):
    WarrantyTermsFactory(manufacturer="Carrier")
    unit = InstalledEquipmentFactory()

    outcomes = two_at_once(
        lambda: warranty_register(
            unit=unit, confirmation_number="A-1", registered_on=date(2026, 11, 24), by=accounting
        ),
        lambda: warranty_register(
            unit=unit, confirmation_number="B-2", registered_on=date(2026, 11, 24), by=coordinator
        ),
    )

    assert "already registered (conf. #A-1)" in one_won(outcomes).message
    assert WarrantyRegistration.objects.count() == 1


def test_one_claim_of_a_program_per_job(accounting):
    job = JobFactory()
    rating = EquipmentRatingFactory()
    InstalledEquipmentFactory(job=job, kind=EquipmentKind.HEAT_PUMP, model_number=rating.model_number)
    program = RebateProgramFactory()

    outcomes = two_at_once(
        lambda: rebate_open(job=job, program=program, by=accounting),
        lambda: rebate_open(job=job, program=program, by=accounting),
    )

    assert "already has" in one_won(outcomes).message
    assert Rebate.objects.count() == 1


def test_one_agreement_per_address_at_a_time(accounting):
    job = JobFactory()
    plan = AgreementPlanFactory()

    def enter():
        return agreement_enter(
            customer=job.customer, site=job.site, plan=plan, starts_on=date(2026, 12, 1), by=accounting
        )

    assert "renew that one instead" in one_won(two_at_once(enter, enter)).message
    assert MaintenanceAgreement.objects.count() == 1
