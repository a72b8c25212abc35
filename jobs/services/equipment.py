"""What was installed on a job: model, serial, warranty, with a photo of the nameplate."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from installops.errors import DomainError, full_clean_or_refuse
from installops.history import history_note

from ..choices import DocumentCategory
from ..models import InstalledEquipment, Job
from .documents import document_upload


def installed_equipment_record(
    *,
    job: Job,
    by,
    kind: str,
    model_number: str,
    serial_number: str,
    manufacturer: str = "",
    warranty_years: int | None = None,
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
            history_note(equipment, by=by, reason="Recorded in the field")
            equipment.save()
    except IntegrityError as error:
        # The same phone action arriving twice at once: the first one's record stands.
        first = InstalledEquipment.objects.filter(client_uuid=client_uuid).first() if client_uuid else None
        if first is not None:
            return first
        raise DomainError("That equipment is already recorded on this job.", field="serial_number") from error
    return equipment
