"""The demo company shows rebates, warranty registrations and maintenance agreements in every state."""

import pytest
from django.core.management import call_command

from billing.choices import AgreementStatus, RebateStatus
from billing.models import EquipmentRating, MaintenanceAgreement, Rebate, RebateProgram, WarrantyRegistration
from billing.selectors import warranty_due_list
from billing.selectors.agreements import AgreementTab, agreement_tab_counts

pytestmark = pytest.mark.django_db


def test_the_demo_has_every_state():
    call_command("seed_demo", jobs=80, verbosity=0)

    assert RebateProgram.objects.count() >= 3
    assert EquipmentRating.objects.count() >= 6
    assert set(Rebate.objects.values_list("status", flat=True)) == set(RebateStatus)
    assert WarrantyRegistration.objects.exists()
    due, _total = warranty_due_list()
    assert any(row.overdue for row in due), [(r.due_on, r.days_left, r.unit.manufacturer) for r in due]
    assert any(not row.overdue for row in due), [(r.due_on, r.days_left, r.unit.manufacturer) for r in due]
    assert set(MaintenanceAgreement.objects.values_list("status", flat=True)) == set(AgreementStatus)
    counts = agreement_tab_counts()
    assert all(counts[tab] for tab, _label in AgreementTab.CHOICES)
    assert MaintenanceAgreement.objects.filter(renewed_from__isnull=False).exists()
    # Seeding again adds nothing.
    before = (Rebate.objects.count(), MaintenanceAgreement.objects.count())
    call_command("seed_demo", jobs=80, verbosity=0)
    assert (Rebate.objects.count(), MaintenanceAgreement.objects.count()) == before
