"""Django admin lists, searches and opens every permits record, with its history."""

import pytest
from django.urls import reverse

from permits.models import HersTest, HersVerification, Inspection, Title24Form, Title24Scope
from tests.permits.factories import JurisdictionFactory, PermitFactory

pytestmark = pytest.mark.django_db

MODELS = [
    "jurisdiction", "sitejurisdiction", "permitexemption", "permit", "permitpacket", "inspection",
    "hersverification", "herstest", "title24scope", "title24form",
]  # fmt: skip


@pytest.fixture
def records():
    permit = PermitFactory(status="issued", number="B24-0193", jurisdiction=JurisdictionFactory(cities=["fresno"]))
    inspection = Inspection.objects.create(job=permit.job, permit=permit, kind="final")
    verification = HersVerification.objects.create(job=permit.job, rater_company="Valley Raters")
    HersTest.objects.create(verification=verification, kind="duct_leakage")
    Title24Scope.objects.create(job=permit.job, trigger="change_out")
    Title24Form.objects.create(job=permit.job, kind="cf1r", registry="cheers", registry_id="CF1R-ALT-01")
    return {"permit": permit, "inspection": inspection, "hersverification": verification}


@pytest.mark.parametrize("model", MODELS)
def test_each_list_opens_and_searches(admin_client, records, model):
    url = reverse(f"admin:permits_{model}_changelist")
    assert admin_client.get(url).status_code == 200
    assert admin_client.get(url, {"q": "B24"}).status_code == 200


@pytest.mark.parametrize("model", ["permit", "inspection", "hersverification"])
def test_a_record_opens_with_its_history(admin_client, records, model):
    record = records[model]
    assert admin_client.get(reverse(f"admin:permits_{model}_change", args=[record.pk])).status_code == 200
    assert admin_client.get(reverse(f"admin:permits_{model}_history", args=[record.pk])).status_code == 200
