"""The job folder PDF goes to the office's printer from the job page."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from field.choices import RenderStatus
from field.models import JobFolderRender
from installops.choices import PrintJobStatus
from installops.models import PrintJob
from installops.printing import backends
from tests.jobs.factories import JobFactory

pytestmark = pytest.mark.django_db


def folder(status=RenderStatus.DONE) -> JobFolderRender:
    render = JobFolderRender(job=JobFactory(), fingerprint="f" * 64, status=status, finished_at=timezone.now())
    if status == RenderStatus.DONE:
        render.file.save("folder.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    render.save()
    return render


def test_send_to_printer_prints_the_finished_folder(client, coordinator, django_capture_on_commit_callbacks):
    backends.printed.clear()
    render = folder()
    client.force_login(coordinator)
    assert (
        "folder-send-to-printer" in client.get(reverse("field:job_folder_panel", args=[render.job.pk])).content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("field:job_folder_send_to_printer", args=[render.pk]))
    assert response["Location"] == render.job.get_absolute_url()
    job = PrintJob.objects.get()
    assert job.status == PrintJobStatus.PRINTED
    assert job.label == f"Field folder {render.job.number} · {render.job.customer.name}"
    assert backends.printed[-1][1] == b"%PDF-1.4\n%%EOF\n"
    backends.printed.clear()


def test_a_folder_not_made_yet_is_not_sent(client, coordinator):
    render = folder(RenderStatus.QUEUED)
    client.force_login(coordinator)
    response = client.post(reverse("field:job_folder_send_to_printer", args=[render.pk]), follow=True)
    assert "not made yet" in response.content.decode()
    assert not PrintJob.objects.exists()


def test_installers_cannot_send_to_the_office_printer(client, installer):
    render = folder()
    client.force_login(installer)
    assert client.post(reverse("field:job_folder_send_to_printer", args=[render.pk])).status_code == 403
