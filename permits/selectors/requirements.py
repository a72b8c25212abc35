"""Which jobs need a building permit: the job's kind, the equipment sold, and the office's exemption.

An install of heating or cooling equipment needs a permit; a service call goes back to work already
permitted (or needs none). An install whose equipment is only controls and air cleaning (a thermostat,
a filter, a UV light) needs none either. The office may decide otherwise for one job, with a reason
(`PermitExemption`). The rule is written twice on purpose, once for one job and once as SQL for the
readiness flags, and a test holds the two together.
"""

import re
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q

from jobs.choices import JobKind
from jobs.readiness import job_field

from ..models import PermitExemption

# Equipment a job may install without a permit: each line of the sold equipment names one of these.
PERMIT_FREE_EQUIPMENT = ("thermostat", "filter", "air purifier", "air cleaner", "uv light", "humidistat")

_WORDS = "(" + "|".join(re.escape(word) for word in PERMIT_FREE_EQUIPMENT) + ")"
# Every non-empty line names permit-free equipment (PostgreSQL's and Python's regex read it alike).
PERMIT_FREE_PATTERN = rf"^\s*[^\n]*{_WORDS}[^\n]*(\n\s*[^\n]*{_WORDS}[^\n]*)*\s*$"


@dataclass(frozen=True)
class PermitRequirement:
    needed: bool
    why: str
    exemption: PermitExemption | None = None


def equipment_is_permit_free(equipment_proposed: str) -> bool:
    """Whether the sold equipment, one item a line, is only equipment that needs no permit."""
    lines = [line.strip().lower() for line in (equipment_proposed or "").splitlines() if line.strip()]
    return bool(lines) and all(any(word in line for word in PERMIT_FREE_EQUIPMENT) for line in lines)


def permit_requirement(job, *, exemption: PermitExemption | None = None) -> PermitRequirement:
    """Whether the job needs a permit, and why, in words. Pass the job's exemption when it is loaded."""
    if job.kind != JobKind.INSTALL:
        return PermitRequirement(False, f"A {job.get_kind_display().lower()} call needs no permit of its own.")
    if exemption is None:
        exemption = PermitExemption.objects.filter(job_id=job.pk).select_related("decided_by").first()
    if exemption is not None:
        return PermitRequirement(False, f"No permit needed: {exemption.reason}", exemption)
    if equipment_is_permit_free(job.equipment_proposed):
        return PermitRequirement(False, "Only controls or air cleaning are sold: no permit needed.")
    return PermitRequirement(True, "An install of heating or cooling equipment needs a building permit.")


def job_needs_permit(job) -> bool:
    """The rule the jobs lifecycle asks (registered in PermitsConfig.ready())."""
    return permit_requirement(job).needed


def permit_needed_q(job_ref: str = "pk") -> Q:
    """`permit_requirement(job).needed` as SQL over jobs ("pk") or over rows pointing at a job ("job_id")."""
    exempted = PermitExemption.objects.filter(job_id=OuterRef(job_ref))
    return (
        Q(**{job_field(job_ref, "kind"): JobKind.INSTALL})
        & ~Q(**{f"{job_field(job_ref, 'equipment_proposed')}__iregex": PERMIT_FREE_PATTERN})
        & ~Q(Exists(exempted))
    )
