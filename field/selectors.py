"""Reads for the phone view and the job-folder PDF, with their joins decided once."""

import hashlib
import json
from dataclasses import astuple, dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from installops.clock import company_date, company_day_bounds, company_now, company_today
from jobs import selectors as job_selectors
from jobs.choices import DocumentCategory, DocumentKind, JobKind
from jobs.models import CompletionSignoff, Document, InstalledEquipment, Job
from permits.selectors import permit_summary_for_job
from scheduling.choices import RELEASED_VISIT_STATUSES, VisitStatus
from scheduling.closeout import CLOSEOUT_CHECKS
from scheduling.models import Visit
from scheduling.selectors import (
    VISIT_PEOPLE_PREFETCH,
    VISIT_PEOPLE_SELECT,
    visit_list_visible_to,
    visit_statuses_settable_by,
)

from .choices import FolderAudience, InspectionRequestStatus, RenderStatus
from .models import FieldAction, FieldNote, InspectionRequest, JobFolderRender

# Bump when the PDF's layout changes, so every job folder renders again once.
# 2: contracts and rebate forms left the field folder (and the rebates note its cover).
# 3: the permit number (or its status) on the cover and the work order.
FOLDER_LAYOUT_VERSION = "3"


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


# ---------------------------------------------------------------- status taps on the day of the visit

# The statuses a crew taps on the phone, in the order they happen; the rest is the office's.
FIELD_TAP_STATUSES = [VisitStatus.ON_MY_WAY, VisitStatus.ON_SITE, VisitStatus.COMPLETED]


def visit_is_on_day(*, visit: Visit, day: date) -> bool:
    """Whether the visit's time overlaps that company day (as "my day" lists it)."""
    start, end = company_day_bounds(day)
    return visit.starts_at < end and visit.ends_at > start


def visit_field_day_refusal(*, visit: Visit, user, at: datetime | None = None) -> str:
    """Why this user may not tap a status on this visit at `at` (now by default); "" when they may.

    Field staff tap a visit's status only on its day: "on my way" tapped the evening before texts the
    customer a day early. The office (everyone who sees all jobs) sets statuses on any day.
    """
    if user.has_perm("jobs.view_all_jobs"):
        return ""
    day = company_date(at or company_now())
    if visit_is_on_day(visit=visit, day=day):
        return ""
    visit_day = company_date(visit.starts_at)
    when = f"{visit_day:%a %b} {visit_day.day}"
    if visit_day > day:
        return f"This visit is on {when}: its status buttons work on that day."
    return f"This visit was on {when}; ask the office to change its status."


def visit_field_statuses(*, visit: Visit, user) -> list[str]:
    """The status buttons the phone shows for this visit now (none on another day than the visit's)."""
    if visit_field_day_refusal(visit=visit, user=user):
        return []
    allowed = visit_statuses_settable_by(visit=visit, user=user)
    return [status for status in FIELD_TAP_STATUSES if status in allowed]


def field_action_list_refused(*, visit: Visit, user) -> QuerySet[FieldAction]:
    """The user's status taps on this visit the server refused today (replayed ones too), newest first."""
    since, _ = company_day_bounds(company_today())
    return FieldAction.objects.filter(visit=visit, user=user, applied=False, received_at__gte=since).order_by(
        "-received_at", "-id"
    )[:5]


# ---------------------------------------------------------------- what a completed visit leaves behind


@dataclass(frozen=True)
class CompletionExpects:
    photos: int = 0
    serials: bool = False
    signature: bool = False


# What the crew leaves in the folder when a visit of each kind is done (the install checklist asks for
# photos of the outdoor unit, the indoor unit, the line set and the thermostat).
COMPLETION_EXPECTS: dict[str, CompletionExpects] = {
    JobKind.INSTALL: CompletionExpects(photos=4, serials=True, signature=True),
    JobKind.WARRANTY: CompletionExpects(photos=1, signature=True),
    JobKind.CORRECTION: CompletionExpects(photos=1, signature=True),
    JobKind.FAILED_HERS: CompletionExpects(photos=1, signature=True),
    JobKind.FOLLOW_UP: CompletionExpects(signature=True),
    JobKind.MAINTENANCE: CompletionExpects(signature=True),
    JobKind.FINAL_INSPECTION: CompletionExpects(photos=1),
    JobKind.PARTS_RETURN: CompletionExpects(),
}
# Of the close-out checks, the ones the crew can still do something about on site.
CREW_CLOSEOUT_CHECKS = {"checklist"}


def visit_completion_missing(*, visit: Visit) -> list[str]:
    """What is still missing when the crew taps "Completed", in the crew's words, in the order to fix it:
    photos, serial numbers of the proposed equipment, the required close-out boxes, the customer's
    signature. Empty when nothing is."""
    job = visit.job
    expects = COMPLETION_EXPECTS.get(job.kind, CompletionExpects())
    missing = []
    if expects.photos:
        photos = Document.objects.filter(
            job=job, category=DocumentCategory.PICTURES, kind=DocumentKind.PHOTO, removed_at__isnull=True
        ).count()
        if photos < expects.photos:
            short = expects.photos - photos
            missing.append(f"{short} photo{'s' if short > 1 else ''}")
    if expects.serials:
        missing += [f"serial of “{line}”" for line in _proposed_lines_without_serial(job=job)]
    for check in CLOSEOUT_CHECKS:
        if check.name in CREW_CLOSEOUT_CHECKS:
            missing += check.missing(visit)
    if expects.signature and not CompletionSignoff.objects.filter(job=job).exists():
        missing.append("customer's signature")
    return missing


def _proposed_lines_without_serial(*, job: Job) -> list[str]:
    """The proposed equipment lines no recorded serial number accounts for.

    A line is covered by the recorded unit whose model number it names; units recorded under another
    model still cover one line each, so a substituted unit does not leave its line "missing".
    """
    lines = [line.strip() for line in job.equipment_proposed.splitlines() if line.strip()]
    models = [
        model.lower()
        for model in InstalledEquipment.objects.filter(job=job)
        .exclude(serial_number="")
        .values_list("model_number", flat=True)
    ]
    uncovered = []
    for line in lines:
        match = next((model for model in models if model and model in line.lower()), None)
        if match is None:
            uncovered.append(line)
        else:
            models.remove(match)
    return uncovered[len(models) :]


def field_note_list_for_visit(*, visit: Visit) -> QuerySet[FieldNote]:
    """The notes sent from this visit, newest first, with who sent them."""
    return FieldNote.objects.filter(visit=visit).select_related("author").order_by("-written_at", "-id")


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
        "permit": astuple(permit) if (permit := permit_summary_for_job(job_id=job.pk)) else None,
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
        "permit": permit_summary_for_job(job_id=job.pk),
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
