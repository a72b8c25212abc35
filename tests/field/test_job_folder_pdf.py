"""The job-folder PDF: our pages, the photos, then the attached PDFs, rendered once per version of the job."""

import io

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from field import selectors, services
from field.models import JobFolderRender
from field.tasks import job_folder_render_task
from installops.pdf import LocalOnlyFetcher
from jobs.services import job_update
from tests.jobs.factories import FinanceCompanyFactory, JobFactory, UserFactory
from tests.jobs.files import add_document, image_bytes, pdf_bytes
from tests.scheduling.factories import VisitFactory

pytestmark = pytest.mark.django_db


def read_pdf(render: JobFolderRender) -> PdfReader:
    with render.file.open("rb") as handle:
        return PdfReader(io.BytesIO(handle.read()))


def all_text(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


@pytest.fixture
def job(installer):
    salesperson = UserFactory(username="mark", first_name="Mark", last_name="Ostrowski")
    job = JobFactory(
        salesperson=salesperson,
        lead_source="referral",
        finance_company=FinanceCompanyFactory(name="GreenSky"),
        equipment_proposed="Carrier 24ACC636 3-ton AC\nCarrier 59SC5A80 furnace",
        customer__name="Helen Garcia",
    )
    job.site.access_notes = "Gate code 4411#"
    job.site.save()
    VisitFactory(job=job, crew=installer.crew)
    for number in range(3):
        add_document(job, "pictures", image_bytes(800, 600), f"photo{number}.jpg", title=f"Old unit {number}")
    add_document(job, "permit", pdf_bytes("Building permit B-2291", pages=2), "permit.pdf", title="Permit")
    add_document(job, "finance", pdf_bytes("GreenSky loan agreement"), "loan.pdf", title="Loan")
    return job


def test_the_field_folder_has_cover_sheets_photos_then_attachments(
    job, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        render = services.job_folder_request_render(job=job, by=coordinator)
    render.refresh_from_db()
    assert render.status == "done", render.error
    reader = read_pdf(render)
    text = all_text(reader)
    # Cover (job summary), confirmation sheet, work order, 3 photos on 2 pages, 2-page permit.
    assert "Job folder" in text
    assert "Helen Garcia" in text
    assert "Mark Ostrowski" in text
    assert "Customer referral" in text
    assert "Crew Ortega" in text
    assert "Carrier 24ACC636" in text
    assert "Installation confirmation" in text
    assert "Work order" in text
    assert "Gate code 4411#" in text
    assert "Old unit 2" in text
    assert reader.pages[-1].extract_text().count("Building permit B-2291") == 1
    assert "Page 2" in reader.pages[-1].extract_text()
    # The field folder never carries finance paperwork or the price.
    assert "loan agreement" not in text
    assert "12,500" not in text
    assert render.page_count == len(reader.pages) == 1 + 1 + 1 + 2 + 2
    assert render.size > 0


def test_the_office_folder_adds_financing_and_the_price(job, coordinator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        render = services.job_folder_request_render(job=job, by=coordinator, audience="office")
    render.refresh_from_db()
    text = all_text(read_pdf(render))
    assert "GreenSky loan agreement" in text
    assert "12,500.00" in text


def test_the_pdf_uses_the_shipped_font(job, coordinator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        render = services.job_folder_request_render(job=job, by=coordinator)
    render.refresh_from_db()
    fonts = {
        str(font.get_object()["/BaseFont"])
        for page in read_pdf(render).pages[:3]
        for font in page["/Resources"]["/Font"].values()
    }
    assert any("DejaVu" in font for font in fonts), fonts


def test_an_unchanged_job_is_not_rendered_again(job, coordinator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as first:
        render = services.job_folder_request_render(job=job, by=coordinator)
    with django_capture_on_commit_callbacks(execute=True) as second:
        again = services.job_folder_request_render(job=job, by=coordinator)
    assert len(first) == 1
    assert second == []
    assert again.pk == render.pk

    job_update(job=job, by=coordinator, description="Add a return air grille.")
    with django_capture_on_commit_callbacks(execute=True) as third:
        changed = services.job_folder_request_render(job=job, by=coordinator)
    assert len(third) == 1
    assert changed.pk != render.pk
    changed.refresh_from_db()
    assert "return air grille" in all_text(read_pdf(changed))
    assert selectors.job_folder_latest(job=job) == changed


def test_a_new_photo_changes_the_folder(job):
    before = selectors.job_folder_fingerprint(job=job, audience="field")
    add_document(job, "pictures", image_bytes(100, 100), "new.jpg")
    assert selectors.job_folder_fingerprint(job=job, audience="field") != before


def test_a_failed_render_shows_why_and_can_be_retried(job, coordinator, django_capture_on_commit_callbacks):
    permit = job.documents.get(category="permit")
    original = permit.file.open("rb").read()
    permit.file.close()
    default_storage.delete(permit.file.name)
    default_storage.save(permit.file.name, io.BytesIO(b"%PDF-1.4 garbage that is not a pdf"))

    with django_capture_on_commit_callbacks(execute=True):
        render = services.job_folder_request_render(job=job, by=coordinator)
    render.refresh_from_db()
    assert render.status == "failed"
    assert "Permit" in render.error

    default_storage.delete(permit.file.name)
    default_storage.save(permit.file.name, io.BytesIO(original))
    with django_capture_on_commit_callbacks(execute=True):
        retried = services.job_folder_request_render(job=job, by=coordinator)
    retried.refresh_from_db()
    assert retried.pk == render.pk
    assert retried.status == "done"
    assert retried.attempts == 2


def test_the_task_run_twice_renders_once(job, coordinator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        render = services.job_folder_request_render(job=job, by=coordinator)
    assert job_folder_render_task.apply(args=[render.pk]).get() == "done"
    assert job_folder_render_task.apply(args=[render.pk]).get() == "skipped"
    render.refresh_from_db()
    assert render.attempts == 1


def test_the_renderer_never_fetches_from_the_network():
    fetcher = LocalOnlyFetcher()
    for url in ["http://example.com/x.png", "https://example.com/font.woff", "file:///etc/passwd", "storage:../x"]:
        with pytest.raises(ValueError, match="PDF|parent|static"):
            fetcher.fetch(url)
    assert fetcher.fetch("static:fonts/dejavu-sans-latin-400-normal.woff").read()[:4] == b"wOFF"


def test_the_print_button_shows_progress_then_the_download(client_as, coordinator, job,
                                                           django_capture_on_commit_callbacks):  # fmt: skip
    client = client_as(coordinator)
    panel = client.get(reverse("field:job_folder_panel", args=[job.pk]))
    assert "Print field folder" in panel.content.decode()
    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = client.post(
            reverse("field:job_folder_print", args=[job.pk]), {"audience": "field"}, HTTP_HX_REQUEST="true"
        )
    # Queued, not rendered inside the request: the panel polls for progress.
    assert 'hx-trigger="every 2s"' in response.content.decode()
    assert len(queued) == 1
    queued[0]()
    render = JobFolderRender.objects.get(job=job)
    panel = client.get(reverse("field:job_folder_render_status", args=[render.pk])).content.decode()
    assert 'data-testid="folder-download"' in panel
    assert "every 2s" not in panel
    download = client.get(reverse("field:job_folder_download", args=[render.pk]))
    assert download["Content-Type"] == "application/pdf"
    latest = client.get(reverse("field:job_folder_latest", args=[job.pk]))
    assert b"".join(latest.streaming_content).startswith(b"%PDF")


def test_a_queued_render_is_polled_until_it_finishes(client_as, coordinator, job):
    render = JobFolderRender.objects.create(
        job=job, audience="field", fingerprint="x" * 64, requested_by=coordinator, enqueued_at=timezone.now()
    )
    page = client_as(coordinator).get(reverse("field:job_folder_render_status", args=[render.pk])).content.decode()
    assert 'hx-trigger="every 2s"' in page
    assert "Waiting for the PDF worker" in page


def test_a_render_the_broker_never_got_says_it_will_be_made_shortly(client_as, coordinator, job):
    render = JobFolderRender.objects.create(job=job, audience="field", fingerprint="x" * 64, requested_by=coordinator)
    page = client_as(coordinator).get(reverse("field:job_folder_render_status", args=[render.pk])).content.decode()
    assert 'hx-trigger="every 2s"' in page
    assert "The PDF will be made shortly." in page


@pytest.mark.parametrize(
    ("role", "field_status", "office_status", "print_status"),
    [
        ("coordinator", 200, 200, 200),
        ("installer", 200, 404, 403),
        # Another crew's folders do not exist for them; printing is not part of their role at all.
        ("other_installer", 404, 404, 403),
    ],
)
def test_folder_pdfs_by_role(request, client_as, coordinator, job, role, field_status, office_status, print_status,
                             django_capture_on_commit_callbacks):  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        field = services.job_folder_request_render(job=job, by=coordinator)
        office = services.job_folder_request_render(job=job, by=coordinator, audience="office")
    client = client_as(request.getfixturevalue(role))
    assert client.get(reverse("field:job_folder_download", args=[field.pk])).status_code == field_status
    assert client.get(reverse("field:job_folder_download", args=[office.pk])).status_code == office_status
    latest_office = client.get(reverse("field:job_folder_latest", args=[job.pk]) + "?folder=office")
    assert latest_office.status_code == office_status
    response = client.post(reverse("field:job_folder_print", args=[job.pk]), {"audience": "field"})
    assert response.status_code == (302 if print_status == 200 else print_status)


@pytest.mark.parametrize("sheet", ["work_order", "confirmation_sheet"])
def test_the_sheets_are_generated_from_the_job(client_as, coordinator, job, sheet):
    client = client_as(coordinator)
    html = client.get(reverse(f"field:job_{sheet}", args=[job.pk])).content.decode()
    assert "Helen Garcia" in html
    response = client.get(reverse(f"field:job_{sheet}_pdf", args=[job.pk]))
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = all_text(reader)
    assert "Helen Garcia" in text
    assert ("Work order" if sheet == "work_order" else "Installation confirmation") in text
    assert "Carrier 24ACC636" in text
    assert len(reader.pages) == 1


def test_the_latest_folder_link_works_before_the_first_print(client_as, installer, job):
    response = client_as(installer).get(reverse("field:job_folder_latest", args=[job.pk]))
    assert response.status_code == 302
    assert response["Location"] == f"{job.get_absolute_url()}#folder"
