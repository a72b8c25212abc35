"""A demo install's Title 24 paperwork, through the permits services: the scope decided, the rater
booked and passed, the CF1R, CF2R and CF3R registered with their documents, as far as the job has got."""

from functools import cache

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.html import escape

from installops.clock import company_date
from installops.pdf import html_to_pdf
from jobs.choices import JobKind, JobStatus
from permits import services as permit_services
from permits.choices import HersRegistry, HersTestKind, HersTestResult, Title24FormKind

TESTS = [HersTestKind.DUCT_LEAKAGE, HersTestKind.REFRIGERANT_CHARGE, HersTestKind.AIRFLOW]


def title24_paperwork(rng, job, visit, coordinator, *, steps) -> None:
    """Scope and CF1R for every Title 24 install; past installed, HERS passed and the gate closed."""
    if job.kind != JobKind.INSTALL or not job.title24:
        return
    permit_services.title24_scope_set(
        job=job, change_out=True, duct_feet_altered=rng.choice([None, 12, 60]), hers_required=True, by=coordinator
    )
    registry = rng.choice(HersRegistry.values)
    _form(job, Title24FormKind.CF1R, registry, coordinator)
    if JobStatus.INSPECTED not in steps:
        return
    _form(job, Title24FormKind.CF2R, registry, coordinator)
    permit_services.hers_rater_set(
        job=job, rater_company="Valley HERS Raters", rater_name="Dana Cole", registry=registry,
        registry_ids=f"PRJ-{job.pk:05d}", by=coordinator,
    )  # fmt: skip
    permit_services.hers_tests_schedule(job=job, scheduled_on=company_date(visit.ends_at), kinds=TESTS, by=coordinator)
    for kind in TESTS:
        permit_services.hers_test_record_result(job=job, kind=kind, result=HersTestResult.PASSED, by=coordinator)
    _form(job, Title24FormKind.CF3R, registry, coordinator)


def _form(job, kind: str, registry: str, coordinator) -> None:
    upload = SimpleUploadedFile(f"{kind}.pdf", _form_pdf(kind.upper()))
    permit_services.title24_form_record(
        job=job, kind=kind, registry=registry, registry_id=f"{kind.upper()}-{job.number}", upload=upload,
        by=coordinator,
    )  # fmt: skip


@cache
def _form_pdf(title: str) -> bytes:
    return html_to_pdf(f"<html><body><h1>{escape(title)}</h1><p>Registered.</p></body></html>")
