import pytest
from django.db import IntegrityError

from permits.choices import PermitStatus
from tests.permits.factories import JurisdictionFactory, PermitFactory

pytestmark = pytest.mark.django_db


def test_an_issued_permit_must_carry_its_number():
    with pytest.raises(IntegrityError):
        PermitFactory(status=PermitStatus.ISSUED, number="")


def test_a_permit_number_is_unique_within_its_jurisdiction_only():
    fresno, clovis = JurisdictionFactory(name="Fresno"), JurisdictionFactory(name="Clovis")
    PermitFactory(jurisdiction=fresno, status=PermitStatus.ISSUED, number="B26-0142")
    PermitFactory(jurisdiction=clovis, status=PermitStatus.ISSUED, number="B26-0142")
    # Permits still waiting for their number do not clash with each other.
    PermitFactory(jurisdiction=fresno, number="")
    PermitFactory(jurisdiction=fresno, number="")
    with pytest.raises(IntegrityError):
        PermitFactory(jurisdiction=fresno, status=PermitStatus.ISSUED, number="B26-0142")
