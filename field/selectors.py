"""Reads for the phone view and the job-folder PDF, with their joins decided once."""

import hashlib
import json
from datetime import date, timedelta

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from installops.clock import company_day_bounds, company_today
from jobs import selectors as job_selectors
from jobs.choices import DocumentKind
from jobs.models import Document, Job
from scheduling.choices import RELEASED_VISIT_STATUSES
from scheduling.models import Visit
from scheduling.selectors import VISIT_PEOPLE_PREFETCH, VISIT_PEOPLE_SELECT, visit_list_visible_to

from .choices import FolderAudience, InspectionRequestStatus, RenderStatus
from .models import FieldNote, InspectionRequest, JobFolderRender

# Bump when the PDF's layout changes, so every job folder renders again once.
# 2: contracts and rebate forms left the field folder (and the rebates note its cover).
FOLDER_LAYOUT_VERSION = "2"


# ---------------------------------------------------------------- visits


def visit_list_my_day(*, user, today: date | None = None) -> QuerySet[Visit]:
    """Today's and tomorrow's visits of the user's crew, in the order they happen (one query)."""
    today = today or company_today()
    start, _ = company_day_bounds(today)
    _, end = company_day_bounds(today + timedelta(days=1))
    return (
        visit_list_visible_to(user)
        .filter(starts_at__lt=end, ends_at__gt=start)
        .exclude(status__in=RELEASED_VISIT_STATUSES)
        .select_related("job__customer", "job__site", "crew", "technician__user")
        .order_by("starts_at", "id")
    )


def visit_get_for_field(*, user, pk: int) -> Visit:
    """One visit with what its phone page shows. Raises Visit.DoesNotExist when not the user's."""
    return (
        visit_list_visible_to(user)
        .select_related("job__customer", "job__site", "job__salesperson", "crew__lead__user", "technician__user")
        .get(pk=pk)
    )


def field_document_get(*, visit: Visit, pk: int) -> Document:
    """A field-folder document of the visit's job (office-only files are never on the phone)."""
    return job_selectors.document_list_field_folder(job=visit.job).get(pk=pk)


def field_note_list_for_job(*, job: Job) -> QuerySet[FieldNote]:
    return FieldNote.objects.filter(job=job).select_related("author").order_by("-written_at", "-id")


def inspection_request_list_for_job(*, job: Job) -> QuerySet[InspectionRequest]:
    return InspectionRequest.objects.filter(job=job).select_related("requested_by", "handled_by")


def inspection_request_list_open() -> QuerySet[InspectionRequest]:
    return (
        InspectionRequest.objects.filter(status=InspectionRequestStatus.OPEN)
        .select_related("job__customer", "job__site", "requested_by", "visit__crew")
        .order_by("requested_at", "id")
    )


# ---------------------------------------------------------------- job folders


def job_folder_documents(*, job: Job, audience: str) -> list[Document]:
    if audience == FolderAudience.OFFICE:
        return list(job_selectors.document_list_office_folder(job=job))
    return list(job_selectors.document_list_field_folder(job=job))


def job_folder_visits(*, job: Job) -> list[Visit]:
    return list(
        Visit.objects.filter(job=job)
        .exclude(status__in=RELEASED_VISIT_STATUSES)
        .select_related(*VISIT_PEOPLE_SELECT)
        .prefetch_related(VISIT_PEOPLE_PREFETCH)
        .order_by("starts_at", "id")
    )


def job_get_for_folder(*, pk: int) -> Job:
    return Job.objects.select_related("customer", "site", "salesperson", "primary_tech", "finance_company").get(pk=pk)


def job_folder_fingerprint(*, job: Job, audience: str) -> str:
    """A hash of everything the folder PDF shows: it changes exactly when the job's folder changed."""
    job = job_get_for_folder(pk=job.pk)
    if audience == FolderAudience.FIELD:
        documents = job_selectors.document_list_field_folder(job=job)
    else:
        documents = job_selectors.document_list_office_folder(job=job)
    parts = {
        "layout": FOLDER_LAYOUT_VERSION,
        "audience": audience,
        "company": settings.COMPANY_NAME,
        "job": job.updated_at.isoformat(),
        "customer": job.customer.updated_at.isoformat(),
        "site": job.site.updated_at.isoformat(),
        "salesperson": job.salesperson_id,
        "visits": list(
            Visit.objects.filter(job=job).order_by("pk").values_list("pk", "updated_at", "crew__updated_at")
        ),
        "documents": list(documents.order_by("pk").values_list("pk", "updated_at", "sha256")),
        "equipment": list(job.installed_equipment.order_by("pk").values_list("pk", "updated_at")),
    }
    encoded = json.dumps(parts, default=str, sort_keys=True).encode()
    return hashlib.sha256(encoded).hexdigest()


def job_folder_context(*, job: Job, audience: str) -> dict:
    """Everything the folder templates show, loaded in a fixed number of queries."""
    job = job_get_for_folder(pk=job.pk)
    documents = job_folder_documents(job=job, audience=audience)
    visits = job_folder_visits(job=job)
    return {
        "job": job,
        "audience": audience,
        "office": audience == FolderAudience.OFFICE,
        "visits": visits,
        "first_visit": visits[0] if visits else None,
        "photos": [document for document in documents if document.kind == DocumentKind.PHOTO],
        "attachments": [document for document in documents if document.kind == DocumentKind.PDF],
        "installed_equipment": list(job_selectors.installed_equipment_list_for_job(job=job)),
        "equipment_lines": [line for line in job.equipment_proposed.splitlines() if line.strip()],
        "generated_at": timezone.now(),
    }


def job_folder_render_for_version(*, job: Job, audience: str, fingerprint: str) -> JobFolderRender | None:
    return JobFolderRender.objects.filter(job=job, audience=audience, fingerprint=fingerprint).first()


def job_folder_latest(*, job: Job, audience: str = FolderAudience.FIELD) -> JobFolderRender | None:
    """The newest finished PDF of a job's folder (the evening page-out links to this one)."""
    return (
        JobFolderRender.objects.filter(job=job, audience=audience, status=RenderStatus.DONE)
        .order_by("-finished_at", "-id")
        .first()
    )


def job_folder_render_list_for_job(*, job: Job) -> QuerySet[JobFolderRender]:
    return JobFolderRender.objects.filter(job=job).select_related("requested_by").order_by("-requested_at", "-id")


def job_list_with_visits_on(*, day: date) -> QuerySet[Job]:
    start, end = company_day_bounds(day)
    visits = Visit.objects.filter(starts_at__gte=start, starts_at__lt=end).exclude(status__in=RELEASED_VISIT_STATUSES)
    return Job.objects.filter(pk__in=visits.values("job_id")).order_by("pk")
