"""The customer's signature for the completed work, and the completion certificate filed with it."""

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from installops.errors import DomainError, full_clean_or_refuse

from ..choices import DocumentCategory
from ..models import CompletionSignoff, Job
from ..uploads import clean_signature_png
from .documents import document_add_generated_pdf, stored_files_removed_on_error


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
        with stored_files_removed_on_error(stored, signoff.signature.storage):
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
