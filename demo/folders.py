"""Demo job folders for seed_demo: contracts, permits, finance paperwork and site photos, made in code.

Nothing is downloaded: photos are drawn with Pillow, PDFs rendered from HTML with WeasyPrint. Only
jobs with an empty folder get files, so re-running seed_demo adds nothing twice.
"""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.html import escape
from PIL import Image, ImageDraw

from installops.pdf import html_to_pdf
from jobs import services as job_services
from jobs.choices import JobKind, JobStatus
from jobs.models import Job

PHOTO_SUBJECTS = ["Existing condenser", "Furnace closet", "Electrical panel", "Attic access", "Line set route"]


def _photo(label: str, shade: int) -> bytes:
    image = Image.new("RGB", (1200, 900), (90 + shade, 110 + shade, 130))
    draw = ImageDraw.Draw(image)
    draw.rectangle((300, 250, 900, 750), fill=(180, 180, 170), outline=(40, 40, 40), width=8)
    for y in range(290, 720, 24):
        draw.line((330, y, 870, y), fill=(120, 120, 110), width=6)
    draw.text((40, 40), label, fill=(255, 255, 255))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=80)
    return buffer.getvalue()


def _pdf(title: str, lines: list[str]) -> bytes:
    body = "".join(f"<p>{escape(line)}</p>" for line in lines)
    return html_to_pdf(f"<html><body><h1>{escape(title)}</h1>{body}</body></html>")


def _add(job: Job, category: str, content: bytes, name: str, title: str, by) -> None:
    job_services.document_upload(
        job=job, category=category, upload=SimpleUploadedFile(name, content), by=by, title=title
    )


def fill_demo_folders(*, jobs, by, rng, limit: int = 24) -> int:
    """Give up to `limit` of these jobs a realistic folder. Returns how many got one."""
    filled = 0
    for job in jobs:
        if filled >= limit:
            break
        if job.documents.exists():
            continue
        customer = job.customer
        _add(job, "contract", _pdf(f"Installation contract {job.number}", [
            f"Customer: {customer.name}", f"Site: {job.site.one_line}", f"Amount: ${job.contract_amount:,.2f}",
            *job.equipment_proposed.splitlines(),
        ]), "contract.pdf", "Signed contract", by)  # fmt: skip
        if job.kind == JobKind.INSTALL and job.status not in (JobStatus.SOLD, JobStatus.SCHEDULED):
            _add(job, "permit", _pdf("Building permit", [f"Mechanical permit for {job.site.one_line}"]),
                 "permit.pdf", "Building permit", by)  # fmt: skip
        if job.title24:
            _add(job, "title24", _pdf("Title 24 CF1R", ["Alteration: HVAC change-out", "HERS verification required"]),
                 "cf1r.pdf", "Title 24 CF1R", by)  # fmt: skip
        if job.finance_company_id:
            _add(job, "finance", _pdf("Finance approval", [f"{job.finance_company}", f"Approved for {customer.name}"]),
                 "finance.pdf", "Finance approval", by)  # fmt: skip
        for number, subject in enumerate(rng.sample(PHOTO_SUBJECTS, 2)):
            _add(job, "pictures", _photo(subject, number * 30), f"IMG_{job.pk}_{number}.jpg", subject, by)
        filled += 1
    return filled
