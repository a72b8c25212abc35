"""How long a job-folder PDF takes to render, and how much memory the worker needs for it.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/installops_bench \
        .venv/bin/python bench/job_folder_bench.py --runs 10

Builds one job with 10 phone photos (stored as the upload service leaves them: 1600 px JPEGs) and
3 attached PDFs (contract, permit, Title 24 forms: 12 pages), renders its field folder --runs times
exactly as the `pdf` worker does (WeasyPrint, then pypdf merging), and prints p50/p95/max seconds
per folder and the process's peak resident memory. Everything is made inside a transaction that is
rolled back, with files in a temporary directory: nothing is left behind.

Targets: under 1.5 s per folder, peak memory under 300 MB (the pdf worker runs with
--max-memory-per-child=300000, see docs/operations.md).
"""

import argparse
import io
import os
import resource
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "installops.settings.local")
os.environ.setdefault("DEBUG", "false")

TARGET_SECONDS = 1.5
TARGET_MB = 300


class Rollback(Exception):
    pass


def phone_photo(seed: int) -> bytes:
    """A photo with real-world detail (noise, gradients): JPEG sizes like a phone's, after downscaling."""
    from PIL import Image, ImageDraw

    image = Image.effect_noise((1600, 1200), 40 + seed).convert("RGB")
    overlay = Image.linear_gradient("L").resize((1600, 1200)).convert("RGB")
    image = Image.blend(image, overlay, 0.5)
    draw = ImageDraw.Draw(image)
    draw.rectangle((200 + seed * 20, 300, 900, 900), outline=(200, 30, 30), width=12)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    return buffer.getvalue()


def attachment(title: str, pages: int) -> bytes:
    from installops.pdf import html_to_pdf

    paragraph = "The installer verifies airflow, refrigerant charge and duct leakage before sign-off. " * 12
    body = "".join(
        f'<section style="page-break-after: always"><h1>{title}</h1><h2>Page {n + 1}</h2><p>{paragraph}</p></section>'
        for n in range(pages)
    )
    return html_to_pdf(f"<html><body>{body}</body></html>")


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.db import transaction
    from django.test.utils import override_settings
    from django.utils import timezone

    from field import pdfs
    from installops.clock import company_today
    from jobs import services as job_services
    from scheduling.models import Crew, Visit

    call_command("migrate", verbosity=0)
    with (
        tempfile.TemporaryDirectory() as media,
        override_settings(
            STORAGES={
                "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": media}},
                "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
            }
        ),
    ):
        try:
            with transaction.atomic():
                job = job_services.job_create_sale(
                    customer_fields={"name": "Bench Customer", "phone": "(559) 555-0199"},
                    site_fields={"street": "1 Bench Way", "city": "Fresno", "zip_code": "93711"},
                    job_fields={
                        "sold_on": company_today() - timedelta(days=10),
                        "equipment_proposed": "Carrier 24ACC636 3-ton AC\nCarrier 59SC5A80 furnace",
                        "description": "Change-out of the existing system.",
                    },
                )
                crew = Crew.objects.create(name="Bench crew")
                start = timezone.now() + timedelta(days=400)
                Visit.objects.create(job=job, crew=crew, starts_at=start, ends_at=start + timedelta(hours=8))
                for number in range(10):
                    upload = SimpleUploadedFile(f"IMG_{number}.jpg", phone_photo(number))
                    job_services.document_upload(job=job, category="pictures", upload=upload, by=None)
                for title, pages, category in [("Contract", 4, "contract"), ("Permit", 2, "permit"),
                                               ("Title 24 CF1R", 6, "title24")]:  # fmt: skip
                    upload = SimpleUploadedFile(f"{title}.pdf", attachment(title, pages))
                    job_services.document_upload(job=job, category=category, upload=upload, by=None)

                before = peak_rss_mb()
                timings, size, page_count = [], 0, 0
                for _ in range(args.runs):
                    started = time.perf_counter()
                    content, page_count = pdfs.job_folder_pdf(job=job, audience="field")
                    timings.append(time.perf_counter() - started)
                    size = len(content)
                peak = peak_rss_mb()
                raise Rollback
        except Rollback:
            pass

    timings.sort()
    p95 = timings[min(len(timings) - 1, int(round(0.95 * (len(timings) - 1))))]
    print(f"job folder: 10 photos + 3 attached PDFs -> {page_count} pages, {size / 1024:.0f} KB")
    print(
        f"render time over {len(timings)} runs: p50 {statistics.median(timings):.3f} s, p95 {p95:.3f} s, "
        f"max {timings[-1]:.3f} s (target < {TARGET_SECONDS} s)"
    )
    print(f"peak memory: {peak:.0f} MB resident (before rendering {before:.0f} MB; target < {TARGET_MB} MB)")
    ok = statistics.median(timings) < TARGET_SECONDS and peak < TARGET_MB
    print("within targets" if ok else "OVER TARGET")


if __name__ == "__main__":
    main()
