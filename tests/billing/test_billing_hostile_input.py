"""Accounting's billing pages fed hostile values, the way tests/test_hostile_input_fuzz.py feeds the office's:
never a 500, and a refusal leaves every table (billing's too) as it was."""

import pytest

from tests import test_hostile_input_fuzz as fuzzing
from tests.billing.posted import posted_invoice
from tests.test_role_url_matrix import EXPECTED, objects  # noqa: F401  (the fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.company_time("2026-11-27 10:00")]


@pytest.fixture
def billing_objects(objects, installer, monkeypatch):  # noqa: F811
    from jobs.models import Job

    job = Job.objects.get(pk=objects["job"])
    # An open invoice, so the record page shows its "apply" field.
    posted_invoice(job, "1500.00")
    monkeypatch.setattr(fuzzing, "PROJECT_APPS", (*fuzzing.PROJECT_APPS, "billing"))
    return {**objects, "crew": installer.crew.pk}


def test_accounting_s_billing_pages_survive_hostile_input(client, accounting, billing_objects):
    client.force_login(accounting)
    names = [name for name in EXPECTED if name.startswith("billing:") and fuzzing.allowed(name, "accounting")]
    fuzzing.run_fuzz(client, "accounting", names, billing_objects)
