"""Equipment recorded from the phone is kept once, also when the same action arrives twice at once."""

import threading
import time
import uuid

import pytest
from django.db import connection, transaction

from jobs.choices import EquipmentKind
from jobs.models import InstalledEquipment
from jobs.services import installed_equipment_record
from tests.jobs.factories import JobFactory


@pytest.mark.django_db(transaction=True)
def test_the_same_phone_action_arriving_twice_at_once_records_the_equipment_once(installer):
    job = JobFactory()
    action_id = uuid.uuid4()
    first_saved = threading.Event()
    outcomes: dict[str, object] = {}

    def record():
        return installed_equipment_record(
            job=job, by=installer, kind=EquipmentKind.CONDENSER, model_number="24ACC636", serial_number="2419E12345",
            client_uuid=action_id,
        )  # fmt: skip

    def first() -> None:
        try:
            with transaction.atomic():
                outcomes["first"] = record()
                first_saved.set()
                time.sleep(0.5)  # not committed yet when the copy arrives
        except Exception as error:
            outcomes["first"] = error
        finally:
            first_saved.set()
            connection.close()

    def second() -> None:
        try:
            first_saved.wait(timeout=10)
            outcomes["second"] = record()
        except Exception as error:
            outcomes["second"] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert all(isinstance(outcome, InstalledEquipment) for outcome in outcomes.values()), outcomes
    assert outcomes["first"].pk == outcomes["second"].pk
    assert InstalledEquipment.objects.count() == 1
