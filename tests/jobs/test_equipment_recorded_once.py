"""Equipment recorded from the phone is kept once, also when the same action arrives twice at once."""

import uuid

import pytest

from jobs.choices import EquipmentKind
from jobs.models import InstalledEquipment
from jobs.services import installed_equipment_record
from tests.concurrency import two_at_once
from tests.jobs.factories import JobFactory


@pytest.mark.django_db(transaction=True)
def test_the_same_phone_action_arriving_twice_at_once_records_the_equipment_once(installer):
    job = JobFactory()
    action_id = uuid.uuid4()

    def record():
        return installed_equipment_record(
            job=job, by=installer, kind=EquipmentKind.CONDENSER, model_number="24ACC636", serial_number="2419E12345",
            client_uuid=action_id,
        )  # fmt: skip

    outcomes = two_at_once(record, record)

    assert all(isinstance(outcome, InstalledEquipment) for outcome in outcomes.values()), outcomes
    assert outcomes["first"].pk == outcomes["second"].pk
    assert InstalledEquipment.objects.count() == 1
