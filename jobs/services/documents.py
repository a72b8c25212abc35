"""A job's folder: files uploaded or produced by the app, and taken out again (never deleted)."""

import contextlib
import hashlib

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from installops.errors import DomainError, full_clean_or_refuse
from installops.history import history_note

from ..choices import OFFICE_ONLY_CATEGORIES, DocumentCategory, DocumentKind
from ..models import CompletionSignoff, Document, Job
from ..uploads import CleanFile, clean_upload, title_from_file_name


def stored_files_removed_on_error(names: list[str], storage):
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
    with stored_files_removed_on_error(stored, document.file.storage):
        document.file.save(clean.name, ContentFile(clean.content), save=False)
        stored.append(document.file.name)
        if clean.thumbnail:
            document.thumbnail.save(f"thumb-{clean.name}.jpg", ContentFile(clean.thumbnail), save=False)
            stored.append(document.thumbnail.name)
        with transaction.atomic():
            full_clean_or_refuse(document)
            history_note(document, by=by, reason="Uploaded")
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
        history_note(document, by=by, reason="Removed from the folder")
        document.save(update_fields=["removed_at", "removed_by", "updated_at"])
    return document
