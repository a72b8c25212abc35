"""Field-folder PDFs printed while contracts were still in the field folder are withdrawn by the
migration that made contracts office-only: nobody downloads them, and the office prints them again."""

import importlib

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from field import selectors
from field.models import JobFolderRender
from tests.jobs.factories import JobFactory
from tests.jobs.files import add_document, pdf_bytes
from tests.scheduling.factories import VisitFactory

pytestmark = pytest.mark.django_db

migration = importlib.import_module("field.migrations.0003_field_folders_printed_with_contracts")


def printed(job, audience="field") -> JobFolderRender:
    render = JobFolderRender(
        job=job, audience=audience, fingerprint="f" * 64, status="done", finished_at=timezone.now()
    )
    render.file.save("folder.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=True)
    return render


def test_field_folders_of_jobs_with_a_contract_are_withdrawn(client_as, installer):
    job = JobFactory()
    VisitFactory(job=job, crew=installer.crew)
    add_document(job, "contract", pdf_bytes("Contract $12,500"), "contract.pdf")
    field_render, office_render = printed(job), printed(job, audience="office")
    untouched = printed(VisitFactory(crew=installer.crew).job)

    migration.withdraw_field_folders_with_prices(apps, None)

    field_render.refresh_from_db()
    office_render.refresh_from_db()
    untouched.refresh_from_db()
    assert field_render.status == "failed"
    assert "Print it again" in field_render.error
    assert office_render.status == untouched.status == "done"
    assert selectors.job_folder_latest(job=job) is None
    client = client_as(installer)
    assert client.get(reverse("field:job_folder_download", args=[field_render.pk])).status_code == 404
    # The page-out's link falls back to the job page.
    assert client.get(reverse("field:job_folder_latest", args=[job.pk])).status_code == 302
