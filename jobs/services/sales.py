"""Every write to customers, sites and jobs goes through here."""

import contextlib
import hashlib

from django.core.files.base import ContentFile
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from installops.errors import DomainError, full_clean_or_refuse

from ..choices import OFFICE_ONLY_CATEGORIES, DocumentCategory, DocumentKind, JobKind, JobStatus
from ..models import CompletionSignoff, Customer, Document, InstalledEquipment, Job, JobStatusChange, Site
from ..uploads import CleanFile, clean_signature_png, clean_upload, title_from_file_name

S = JobStatus

# The pipeline: where a job may go from each status. On hold and cancelled are reachable from any
# open status; a held job resumes where it was. Service calls need no permit and no inspection.
PIPELINE: dict[str, list[str]] = {
    S.SOLD: [S.SCHEDULED],
    S.SCHEDULED: [S.PERMITTED, S.READY, S.SOLD],
    S.PERMITTED: [S.READY],
    S.READY: [S.INSTALLED, S.SCHEDULED],
    S.INSTALLED: [S.INSPECTED, S.INVOICED],
    S.INSPECTED: [S.INVOICED],
    S.INVOICED: [S.CLOSED],
    S.CLOSED: [],
    S.ON_HOLD: [],
    S.CANCELLED: [S.SOLD],
}
HOLDABLE = {S.SOLD, S.SCHEDULED, S.PERMITTED, S.READY, S.INSTALLED, S.INSPECTED, S.INVOICED}
CANCELLABLE = {S.SOLD, S.SCHEDULED, S.PERMITTED, S.READY, S.ON_HOLD}


def _needs_permit(job: Job) -> bool:
    return job.kind == JobKind.INSTALL


def job_allowed_next_statuses(*, job: Job) -> list[str]:
    """The statuses the job can move to now, in pipeline order."""
    allowed = [job.status_before_hold or S.SOLD] if job.status == S.ON_HOLD else list(PIPELINE[job.status])
    if _needs_permit(job):
        # An install is not ready before its permit, and is inspected before it is invoiced.
        if job.status == S.SCHEDULED:
            allowed.remove(S.READY)
        if job.status == S.INSTALLED:
            allowed.remove(S.INVOICED)
    elif job.status == S.SCHEDULED:
        allowed.remove(S.PERMITTED)
    if job.status in HOLDABLE:
        allowed.append(S.ON_HOLD)
    if job.status in CANCELLABLE:
        allowed.append(S.CANCELLED)
    return allowed


def job_change_status(*, job: Job, to_status: str, by=None, note: str = "") -> Job:
    """Move a job one step along its pipeline and record who did it, when, and why."""
    with transaction.atomic():
        # Lock the row: two coordinators clicking at once must not both pass the check.
        job = Job.objects.select_for_update().get(pk=job.pk)
        if to_status not in job_allowed_next_statuses(job=job):
            raise DomainError(
                f"A {job.get_status_display().lower()} job cannot move to "
                f"“{S(to_status).label if to_status in S.values else to_status}”.",
                field="to_status",
            )
        if to_status in (S.ON_HOLD, S.CANCELLED) and not note.strip():
            raise DomainError("Say why the job is put on hold or cancelled.", field="note")

        from_status = job.status
        now = timezone.now()
        job.status_before_hold = from_status if to_status == S.ON_HOLD else ""
        job.status = to_status
        job.status_changed_at = now
        job._change_reason = note or f"{from_status} → {to_status}"
        job.save(update_fields=["status", "status_before_hold", "status_changed_at", "updated_at"])
        JobStatusChange.objects.create(
            job=job, from_status=from_status, to_status=to_status, changed_by=by, changed_at=now, note=note
        )
    return job


def _next_job_number() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval('jobs_job_number_seq')")
        (value,) = cursor.fetchone()
    return f"J{value}"


def customer_create(*, name: str, by=None, **fields) -> Customer:
    customer = Customer(name=name, **fields)
    full_clean_or_refuse(customer)
    with transaction.atomic():  # the row and its history row
        customer.save()
    return customer


def site_create(*, customer: Customer, by=None, **fields) -> Site:
    site = Site(customer=customer, **fields)
    full_clean_or_refuse(site)
    with transaction.atomic():
        site.save()
    return site


def job_create(*, customer: Customer, site: Site, by=None, **fields) -> Job:
    """Record a sold job (or a service call). It starts in "sold" with a first history row."""
    if site.customer_id != customer.pk:
        raise DomainError("That address belongs to another customer.", field="site")
    with transaction.atomic():
        job = Job(customer=customer, site=site, number=_next_job_number(), **fields)
        job.status = S.SOLD
        job.status_changed_at = timezone.now()
        full_clean_or_refuse(job)
        job._change_reason = "Job entered"
        job.save()
        JobStatusChange.objects.create(
            job=job, from_status="", to_status=S.SOLD, changed_by=by, changed_at=job.status_changed_at
        )
    return job


def job_create_sale(
    *,
    customer: Customer | None = None,
    customer_fields: dict | None = None,
    site: Site | None = None,
    site_fields: dict | None = None,
    job_fields: dict,
    by=None,
) -> Job:
    """A sold job as the office enters it: for an existing customer or a new one (`customer_fields`),
    at one of their addresses or a new one (`site_fields`). All of it is saved, or none of it.

    A new customer with no billing address is billed at the new service address.
    """
    if (customer is None) == (customer_fields is None):
        raise DomainError("Pick the customer, or enter a new one.", field="customer")
    if (site is None) == (site_fields is None):
        raise DomainError("Pick the service address, or enter a new one.", field="site")
    if customer is None and site_fields and not customer_fields.get("billing_street"):
        # Most customers are billed at the house the work is done on.
        customer_fields = {
            **customer_fields,
            "billing_street": site_fields.get("street", ""),
            "billing_city": site_fields.get("city", ""),
            "billing_zip": site_fields.get("zip_code", ""),
        }
    with transaction.atomic():
        if customer is None:
            customer = customer_create(by=by, **customer_fields)
        if site is None:
            site = site_create(customer=customer, by=by, **site_fields)
        return job_create(customer=customer, site=site, by=by, **job_fields)


EDITABLE_JOB_FIELDS = [
    "kind",
    "site",
    "original_job",
    "sold_on",
    "salesperson",
    "lead_source",
    "primary_tech",
    "contract_amount",
    "finance_company",
    "finance_approved_amount",
    "title24",
    "home_performance",
    "equipment_proposed",
    "rebates_note",
    "description",
    "equipment_ordered_on",
]


def job_update(*, job: Job, by=None, **changes) -> Job:
    """Edit a job's details. Status moves go through job_change_status, never through here.

    Only the edited fields are written, on a freshly locked row, so an edit made from a page opened
    before a status move cannot put the old status back.
    """
    unknown = set(changes) - set(EDITABLE_JOB_FIELDS)
    if unknown:
        raise DomainError(f"These fields cannot be edited here: {', '.join(sorted(unknown))}.")
    with transaction.atomic():
        current = Job.objects.select_for_update().get(pk=job.pk)
        if current.status in (S.CLOSED, S.CANCELLED):
            raise DomainError(f"A {current.get_status_display().lower()} job can no longer be edited.")
        for name, value in changes.items():
            setattr(current, name, value)
        if current.site.customer_id != current.customer_id:
            raise DomainError("That address belongs to another customer.", field="site")
        full_clean_or_refuse(current)
        current._change_reason = "Details edited"
        current.save(update_fields=[*changes, "updated_at"])
    return current


# ---------------------------------------------------------------- job folder documents


def _stored_files_removed_on_error(names: list[str], storage):
    """Files are written before the row; if the row cannot be saved, they must not linger."""

    @contextlib.contextmanager
    def guard():
        try:
            yield
        except BaseException:
            for name in names:
                with contextlib.suppress(Exception):
                    storage.delete(name)
            raise

    return guard()


def _document_store(
    *, job: Job, category: str, clean: CleanFile, by, title: str = "", office_only: bool = False
) -> Document:
    if category not in DocumentCategory.values:
        raise DomainError("Pick what kind of paperwork this is.", field="category")
    document = Document(
        job=job,
        category=category,
        title=(title or "").strip()[:200] or title_from_file_name(clean.name),
        kind=clean.kind,
        content_type=clean.content_type,
        size=len(clean.content),
        sha256=clean.sha256,
        width=clean.width,
        height=clean.height,
        page_count=clean.page_count,
        office_only=office_only or category in OFFICE_ONLY_CATEGORIES,
        uploaded_by=by,
        uploaded_at=timezone.now(),
    )
    stored: list[str] = []
    with _stored_files_removed_on_error(stored, document.file.storage):
        document.file.save(clean.name, ContentFile(clean.content), save=False)
        stored.append(document.file.name)
        if clean.thumbnail:
            document.thumbnail.save(f"thumb-{clean.name}.jpg", ContentFile(clean.thumbnail), save=False)
            stored.append(document.thumbnail.name)
        with transaction.atomic():
            full_clean_or_refuse(document)
            document._change_reason = "Uploaded"
            document.save()
    return document


def document_upload(*, job: Job, category: str, upload, by, title: str = "", office_only: bool = False) -> Document:
    """Put an uploaded file into a job's folder, after checking and cleaning it (jobs/uploads.py)."""
    clean = clean_upload(upload, original_name=getattr(upload, "name", ""))
    return _document_store(job=job, category=category, clean=clean, by=by, title=title, office_only=office_only)


def document_add_generated_pdf(
    *, job: Job, category: str, content: bytes, file_name: str, title: str, by, office_only: bool = False
) -> Document:
    """A PDF the app produced itself (a completion certificate): filed like any other document."""
    clean = CleanFile(
        kind=DocumentKind.PDF,
        content=content,
        content_type="application/pdf",
        extension="pdf",
        name=file_name,
        sha256=hashlib.sha256(content).hexdigest(),
    )
    return _document_store(job=job, category=category, clean=clean, by=by, title=title, office_only=office_only)


def document_remove(*, document: Document, by) -> Document:
    """Take a wrong file out of the folder. The file and the record stay, for the audit trail.

    The row is locked while it is checked and marked, with its history row in the same transaction:
    of two removals at once, one records it and the other finds it already done.
    """
    with transaction.atomic():
        document = Document.objects.select_for_update().get(pk=document.pk)
        if document.removed_at is not None:
            return document
        if document.nameplate_of.exists() or CompletionSignoff.objects.filter(certificate=document).exists():
            raise DomainError("This file belongs to installed equipment or a sign-off and stays in the folder.")
        document.removed_at = timezone.now()
        document.removed_by = by
        document._change_reason = "Removed from the folder"
        document.save(update_fields=["removed_at", "removed_by", "updated_at"])
    return document


# ---------------------------------------------------------------- installed equipment and sign-off


def installed_equipment_record(
    *,
    job: Job,
    by,
    kind: str,
    model_number: str,
    serial_number: str,
    manufacturer: str = "",
    warranty_years: int | None = None,
    warranty_registered_on=None,
    warranty_notes: str = "",
    nameplate_upload=None,
    client_uuid=None,
) -> InstalledEquipment:
    """Record what was installed (model, serial, warranty), with a photo of its nameplate."""
    if client_uuid is not None:
        existing = InstalledEquipment.objects.filter(client_uuid=client_uuid).first()
        if existing is not None:
            return existing
    equipment = InstalledEquipment(
        job=job,
        kind=kind,
        manufacturer=manufacturer.strip(),
        model_number=model_number.strip(),
        serial_number=serial_number.strip().upper(),
        warranty_years=warranty_years,
        warranty_registered_on=warranty_registered_on,
        warranty_notes=warranty_notes.strip(),
        recorded_by=by,
        recorded_at=timezone.now(),
        client_uuid=client_uuid,
    )
    if InstalledEquipment.objects.filter(job=job, serial_number=equipment.serial_number).exists():
        raise DomainError(f"Serial {equipment.serial_number} is already recorded on this job.", field="serial_number")
    full_clean_or_refuse(equipment, exclude=["nameplate_photo"], validate_unique=False)
    try:
        with transaction.atomic():  # the nameplate photo and the equipment, or neither
            if nameplate_upload is not None:
                equipment.nameplate_photo = document_upload(
                    job=job,
                    category=DocumentCategory.PICTURES,
                    upload=nameplate_upload,
                    by=by,
                    title=f"Nameplate: {equipment.model_number} s/n {equipment.serial_number}",
                )
            equipment._change_reason = "Recorded in the field"
            equipment.save()
    except IntegrityError as error:
        # The same phone action arriving twice at once: the first one's record stands.
        first = InstalledEquipment.objects.filter(client_uuid=client_uuid).first() if client_uuid else None
        if first is not None:
            return first
        raise DomainError("That equipment is already recorded on this job.", field="serial_number") from error
    return equipment


def completion_signoff_record(
    *,
    job: Job,
    signer_name: str,
    signature_png: bytes,
    by,
    render_certificate,
    client_uuid=None,
) -> CompletionSignoff:
    """The customer signed for the completed work: keep the signature and file the certificate.

    `render_certificate(signoff)` returns the certificate's PDF bytes; the caller knows the visit
    and crew the certificate names, this app does not.
    """
    if client_uuid is not None:
        existing = CompletionSignoff.objects.filter(client_uuid=client_uuid).select_related("certificate").first()
        if existing is not None:
            return existing
    signer_name = (signer_name or "").strip()
    if not signer_name:
        raise DomainError("Enter the name of the person signing.", field="signer_name")
    signature = clean_signature_png(signature_png)
    signoff = CompletionSignoff(
        job=job, signer_name=signer_name[:120], signed_at=timezone.now(), recorded_by=by, client_uuid=client_uuid
    )
    stored: list[str] = []
    try:
        with _stored_files_removed_on_error(stored, signoff.signature.storage):
            signoff.signature.save("signature.png", ContentFile(signature), save=False)
            stored.append(signoff.signature.name)
            with transaction.atomic():
                full_clean_or_refuse(signoff, exclude=["certificate"], validate_unique=False)
                signoff.save()
                certificate = document_add_generated_pdf(
                    job=job,
                    category=DocumentCategory.COMPLETION,
                    content=render_certificate(signoff),
                    file_name=f"completion-certificate-{job.number}.pdf",
                    title=f"Completion certificate, signed by {signoff.signer_name}",
                    by=by,
                )
                signoff.certificate = certificate
                signoff.save(update_fields=["certificate", "updated_at"])
    except IntegrityError:
        # The same signature sent twice at once: the first one's record (and certificate) stands.
        signed = CompletionSignoff.objects.select_related("certificate")
        first = signed.filter(client_uuid=client_uuid).first() if client_uuid is not None else None
        if first is None:
            raise
        return first
    return signoff
