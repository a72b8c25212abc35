"""Rebates: which programs a job's installed equipment qualifies for, what papers a claim still lacks,
and the office's list of claims, in a fixed number of queries whatever their number."""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, QuerySet

from jobs.choices import DocumentCategory
from jobs.models import Document, InstalledEquipment, Job
from jobs.selectors import job_list_visible_to
from permits.choices import InspectionKind, InspectionStatus, PermitStatus, Title24FormKind
from permits.models import Inspection, Permit, Title24Form

from ..choices import InvoiceKind, InvoiceStatus, RebateDocument, RebateStatus
from ..models import EquipmentRating, Invoice, Rebate, RebateProgram

REBATE_LIST_LIMIT = 200

# Each program minimum and the rating it is judged against.
RATING_MINIMUMS = (("min_seer2", "seer2", "SEER2"), ("min_eer2", "eer2", "EER2"), ("min_hspf2", "hspf2", "HSPF2"),
                   ("min_afue", "afue", "AFUE"))  # fmt: skip


@dataclass
class EligibleProgram:
    program: RebateProgram
    units: list[InstalledEquipment]
    ahri_reference: str


def rating_for_models(model_numbers) -> dict[str, EquipmentRating]:
    """The catalogue's ratings by upper-cased model number (one query)."""
    wanted = {number.strip().upper() for number in model_numbers if number}
    ratings = EquipmentRating.objects.filter(model_number__in=wanted)
    return {rating.model_number.upper(): rating for rating in ratings}


def _unit_qualifies(program: RebateProgram, unit: InstalledEquipment, rating: EquipmentRating | None) -> bool:
    if unit.kind not in program.equipment_kinds:
        return False
    for minimum_name, rating_name, _label in RATING_MINIMUMS:
        minimum = getattr(program, minimum_name)
        if minimum is None:
            continue
        value = getattr(rating, rating_name) if rating else None
        if value is None or value < minimum:
            return False
    return True


def rebate_list_eligible_programs(job: Job) -> list[EligibleProgram]:
    """The active programs some installed unit of the job qualifies for, by the unit's rated model."""
    units = list(InstalledEquipment.objects.filter(job=job).order_by("pk"))
    ratings = rating_for_models(unit.model_number for unit in units)
    eligible = []
    for program in RebateProgram.objects.filter(active=True).order_by("name"):
        matching = [unit for unit in units if _unit_qualifies(program, unit, ratings.get(unit.model_number.upper()))]
        if matching:
            references = [
                ratings[u.model_number.upper()].ahri_reference for u in matching if u.model_number.upper() in ratings
            ]
            eligible.append(EligibleProgram(program, matching, next((r for r in references if r), "")))
    return eligible


def _documents_present(job_ref: str = "job_id") -> dict:
    """One boolean per paper a program may ask for, as SQL on the rebate's job."""
    job = OuterRef(job_ref)
    return {
        "has_ahri_file": Exists(
            Document.objects.filter(
                job_id=job,
                category__in=[DocumentCategory.REBATE, DocumentCategory.OTHER],
                title__icontains="AHRI",
                removed_at__isnull=True,
            )
        ),
        "has_permit_final": Exists(Permit.objects.filter(job_id=job, status=PermitStatus.FINALED))
        | Exists(Inspection.objects.filter(job_id=job, kind=InspectionKind.FINAL, status=InspectionStatus.PASSED)),
        "has_cf3r": Exists(Title24Form.objects.filter(job_id=job, kind=Title24FormKind.CF3R)),
        "has_posted_invoice": Exists(
            Invoice.objects.filter(job_id=job, kind=InvoiceKind.INVOICE, status=InvoiceStatus.POSTED)
        ),
    }


def _missing_from_values(rebate) -> list[str]:
    """The missing papers, worded, from the annotations of `_documents_present` (no query)."""
    missing = []
    for document in rebate.program.required_documents:
        if document == RebateDocument.AHRI:
            if not rebate.ahri_reference:
                missing.append("AHRI reference number")
            if not rebate.has_ahri_file:
                missing.append("AHRI certificate (a file titled AHRI in the job folder)")
        elif document == RebateDocument.PERMIT_FINAL and not rebate.has_permit_final:
            missing.append("permit final (a finaled permit or a passed final inspection)")
        elif document == RebateDocument.CF3R and not rebate.has_cf3r:
            missing.append("CF3R (HERS verification)")
        elif document == RebateDocument.INVOICE and not rebate.has_posted_invoice:
            missing.append("posted invoice")
    return missing


def rebate_documents_missing(rebate: Rebate) -> list[str]:
    """What the rebate's claim still lacks, worded for the office ([] when it can be submitted)."""
    if not hasattr(rebate, "has_cf3r"):
        rebate = Rebate.objects.select_related("program").annotate(**_documents_present()).get(pk=rebate.pk)
    return _missing_from_values(rebate)


def _rebates():  # QuerySet[Rebate], with the papers annotated
    return Rebate.objects.select_related("job", "job__customer", "program").annotate(**_documents_present())


@dataclass
class RebateListPage:
    rebates: list[Rebate]
    total: int
    counts: dict[str, int] = field(default_factory=dict)


def rebate_list_for(*, user, status: str = RebateStatus.TO_SUBMIT, limit: int = REBATE_LIST_LIMIT) -> RebateListPage:
    """The claims in `status` the user may see, oldest first, each with `missing` (the papers it lacks)."""
    visible = Rebate.objects.filter(job__in=job_list_visible_to(user))
    counts = {row["status"]: row["n"] for row in _count_by_status(visible)}
    rows = list(_rebates().filter(pk__in=visible.values("pk"), status=status).order_by("opened_on", "id")[:limit])
    for rebate in rows:
        rebate.missing = _missing_from_values(rebate)
    return RebateListPage(rebates=rows, total=counts.get(status, 0), counts=counts)


def _count_by_status(rebates: QuerySet[Rebate]):
    return rebates.order_by().values("status").annotate(n=Count("pk"))


def rebate_list_for_job(*, job: Job) -> list[Rebate]:
    rows = list(_rebates().filter(job=job).prefetch_related("units").order_by("opened_on", "id"))
    for rebate in rows:
        rebate.missing = _missing_from_values(rebate)
    return rows


def rebate_get_visible(*, user, pk: int) -> Rebate:
    return _rebates().get(pk=pk, job__in=job_list_visible_to(user))
