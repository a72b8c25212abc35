"""The demo company comes with job folders (made in code), and a second run adds nothing twice."""

import pytest
from django.core.management import call_command

from jobs.models import Document

# A Wednesday morning: the demo has work done, under way today, and booked ahead.
pytestmark = [pytest.mark.django_db, pytest.mark.company_time("2026-11-25 10:30")]


def test_seed_demo_fills_folders_once():
    call_command("seed_demo", jobs=6, verbosity=0)
    documents = Document.objects.count()
    assert documents > 0
    assert Document.objects.filter(kind="photo").exists()
    assert Document.objects.filter(kind="pdf", category="contract").exists()
    call_command("seed_demo", jobs=6, verbosity=0)
    assert Document.objects.count() == documents
