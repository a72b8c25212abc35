"""A job's Title 24 scope (does it apply, and why) and its forms (CF1R, CF2R, CF3R) with registry ids."""

from datetime import date

from django.conf import settings
from django.db import transaction

from installops.date_window import date_window_refusal
from installops.errors import DomainError, full_clean_or_refuse
from installops.history import history_note
from jobs.choices import DocumentCategory, JobKind
from jobs.models import Job
from jobs.services import document_upload

from ..choices import HersRegistry, Title24FormKind, Title24Trigger
from ..models import Title24Form, Title24Scope


def title24_trigger_for(*, change_out: bool, duct_feet_altered: int | None) -> str:
    """What brings a job under Title 24: an equipment change-out, ducts altered past the threshold, or both."""
    ducts = duct_feet_altered is not None and duct_feet_altered > settings.TITLE24_DUCT_FEET_THRESHOLD
    if change_out and ducts:
        return Title24Trigger.BOTH
    if change_out:
        return Title24Trigger.CHANGE_OUT
    if ducts:
        return Title24Trigger.DUCTS_ALTERED
    return Title24Trigger.NONE


def title24_scope_set(
    *,
    job: Job,
    change_out: bool,
    duct_feet_altered: int | None,
    hers_required: bool,
    by,
    note: str = "",
) -> Title24Scope:
    """Record whether the job falls under Title 24 and why; a job it does not touch needs no rater either."""
    if job.kind != JobKind.INSTALL:
        raise DomainError("Title 24 is decided on the install, not on a service call.")
    if duct_feet_altered is not None and duct_feet_altered < 0:
        raise DomainError("Feet of duct cannot be negative.", field="duct_feet_altered")
    trigger = title24_trigger_for(change_out=change_out, duct_feet_altered=duct_feet_altered)
    with transaction.atomic():
        Job.objects.select_for_update().filter(pk=job.pk).get()
        scope = Title24Scope.objects.filter(job=job).first() or Title24Scope(job=job)
        scope.trigger = trigger
        scope.duct_feet_altered = duct_feet_altered
        scope.hers_required = hers_required and trigger != Title24Trigger.NONE
        scope.decided_by = by
        scope.note = note.strip()
        full_clean_or_refuse(scope)
        history_note(scope, by=by, reason=f"Title 24: {scope.get_trigger_display().lower()}")
        scope.save()
    return scope


def title24_form_record(
    *,
    job: Job,
    kind: str,
    registry: str,
    registry_id: str,
    by,
    registered_on: date | None = None,
    upload=None,
) -> Title24Form:
    """Record one of the job's forms as registered (registry and its id), with its document when given.

    Recording a kind again corrects it; a new document replaces the old one (which stays in the folder).
    """
    registry_id = registry_id.strip()
    if kind not in Title24FormKind.values:
        raise DomainError("Pick which form this is.", field="kind")
    if registry not in HersRegistry.values:
        raise DomainError("Pick the registry the form is filed with.", field="registry")
    if not registry_id:
        raise DomainError("Enter the registry id the form was given.", field="registry_id")
    refusal = date_window_refusal(registered_on) if registered_on else None
    if refusal:
        raise DomainError(refusal, field="registered_on")
    with transaction.atomic():
        Job.objects.select_for_update().filter(pk=job.pk).get()
        clash = (
            Title24Form.objects.select_related("job")
            .filter(registry=registry, registry_id__iexact=registry_id)
            .exclude(job=job, kind=kind)
            .first()
        )
        if clash is not None:
            raise DomainError(
                f"{clash.get_registry_display()} id {registry_id} is already the {clash.kind.upper()} of job "
                f"{clash.job.number}.",
                field="registry_id",
            )
        form = Title24Form.objects.select_for_update().filter(job=job, kind=kind).first()
        form = form or Title24Form(job=job, kind=kind)
        form.registry = registry
        form.registry_id = registry_id
        form.registered_on = registered_on or form.registered_on
        form.recorded_by = by
        if upload is not None:
            form.document = document_upload(
                job=job,
                category=DocumentCategory.TITLE24,
                upload=upload,
                by=by,
                title=f"{kind.upper()} {registry_id}",
            )
        full_clean_or_refuse(form)
        history_note(form, by=by, reason=f"{kind.upper()} recorded")
        form.save()
    return form
