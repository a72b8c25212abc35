"""What the job page's parts show to each role: the crew's notes are not for sales."""

import uuid
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from field.models import FieldNote
from jobs.models import CompletionSignoff, InstalledEquipment
from scheduling.models import Subcontractor, SubcontractorBooking
from tests.jobs.factories import JobFactory
from tests.scheduling.factories import VisitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def job(installer, salesperson):
    """A job sold by the salesperson, on the installer's crew, with what the crew sent from the site."""
    job = JobFactory(salesperson=salesperson)
    visit = VisitFactory(job=job, crew=installer.crew)
    FieldNote.objects.create(
        visit=visit, job=job, author=installer, text="Attic hatch is too small for the coil",
        written_at=timezone.now(), client_uuid=uuid.uuid4(),
    )  # fmt: skip
    InstalledEquipment.objects.create(job=job, kind="furnace", model_number="59SC5", serial_number="SN-4411")
    signoff = CompletionSignoff(job=job, signer_name="Rosa Diaz", signed_at=timezone.now())
    signoff.signature.save("signature.png", ContentFile(b"png"), save=True)
    start = timezone.now() + timedelta(days=2)
    SubcontractorBooking.objects.create(
        job=job, subcontractor=Subcontractor.objects.create(name="Valley Crane", trade="crane"),
        starts_at=start, ends_at=start + timedelta(hours=2),
    )  # fmt: skip
    return job


def page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("role", ["coordinator", "accounting", "installer"])
def test_the_office_and_the_crew_on_the_job_see_the_notes_from_the_field(request, client_as, job, role):
    panel = page(client_as(request.getfixturevalue(role)), reverse("field:job_folder_panel", args=[job.pk]))
    assert "Attic hatch is too small" in panel


def test_the_salesperson_gets_the_folder_panel_without_the_crews_notes(client_as, salesperson, job):
    panel = page(client_as(salesperson), reverse("field:job_folder_panel", args=[job.pk]))
    assert "Work order" in panel  # the job's paperwork is theirs to see
    assert "Attic hatch" not in panel
    assert "Notes from the field" not in panel


def test_another_crew_does_not_get_the_panel(client_as, other_installer, job):
    assert client_as(other_installer).get(reverse("field:job_folder_panel", args=[job.pk])).status_code == 404


def test_installed_equipment_and_the_sign_off_are_for_the_office_and_the_crew(client_as, installer, salesperson, job):
    crew_page = page(client_as(installer), job.get_absolute_url())
    assert "SN-4411" in crew_page
    assert "Rosa Diaz" in crew_page
    sales_page = page(client_as(salesperson), job.get_absolute_url())
    assert "SN-4411" not in sales_page
    assert "Rosa Diaz" not in sales_page


def test_the_crew_sees_the_subcontractors_booked_on_its_job(client_as, installer, job):
    panel = page(client_as(installer), reverse("scheduling:job_visits_panel", args=[job.pk]))
    assert "Valley Crane" in panel
