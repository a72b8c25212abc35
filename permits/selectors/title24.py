"""A job's Title 24 paperwork: whether it applies, the code cycle, and which form the gate still waits for.

The facts are loaded once (`title24_facts`, a fixed number of queries) and everything else is worked out
from them, so the job page's panel and the lifecycle's conditions say the same thing in the same words.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch

from installops.clock import company_today
from jobs.choices import JobKind
from jobs.models import Job

from ..choices import LIVE_PERMIT_STATUSES, HersStatus, Title24FormKind, Title24Trigger
from ..models import HersTest, HersVerification, Permit, Title24Form, Title24Scope
from .permits import permit_code_cycle

# How the gate names each form: who files it, in the office's words.
FORM_LABELS: dict[str, str] = {
    Title24FormKind.CF1R: "CF1R (certificate of compliance)",
    Title24FormKind.CF2R: "CF2R (installer's certificate of installation)",
    Title24FormKind.CF3R: "CF3R (rater's certificate of verification)",
}
SCOPE_NOT_RECORDED = "Title 24 scope — not recorded (change-out? ducts altered?)"


@dataclass
class Title24Facts:
    job: Job
    scope: Title24Scope | None
    forms: dict[str, Title24Form]
    permit: Permit | None
    # Oldest first; the last one is the verification that counts (a re-test follows a failure).
    verifications: list[HersVerification] = field(default_factory=list)

    @property
    def applies(self) -> bool:
        """Title 24's alteration rules govern this install (decided by the office, else the sale's flag)."""
        if self.job.kind != JobKind.INSTALL:
            return False
        if self.scope is not None:
            return self.scope.trigger != Title24Trigger.NONE
        return self.job.title24

    @property
    def hers_required(self) -> bool:
        # Until the office decides, a Title 24 sale is taken to need its rater, as most change-outs do.
        return self.applies and (self.scope is None or self.scope.hers_required)

    @property
    def required_forms(self) -> list[str]:
        if not self.applies:
            return []
        kinds: list[str] = [Title24FormKind.CF1R, Title24FormKind.CF2R]
        return [*kinds, Title24FormKind.CF3R] if self.hers_required else kinds

    @property
    def verification(self) -> HersVerification | None:
        return self.verifications[-1] if self.verifications else None


def title24_facts(*, job: Job) -> Title24Facts:
    """The job's scope, forms, live permit and HERS verifications with their tests: five queries."""
    scope = Title24Scope.objects.filter(job_id=job.pk).select_related("decided_by").first()
    forms = {form.kind: form for form in Title24Form.objects.filter(job_id=job.pk).select_related("document")}
    permit = Permit.objects.filter(job_id=job.pk, status__in=LIVE_PERMIT_STATUSES).first()
    verifications = list(
        HersVerification.objects.filter(job_id=job.pk)
        .select_related("failed_hers_job")
        .prefetch_related(Prefetch("tests", queryset=HersTest.objects.order_by("kind")))
        .order_by("created_at", "id")
    )
    return Title24Facts(job=job, scope=scope, forms=forms, permit=permit, verifications=verifications)


@dataclass(frozen=True)
class CodeCycle:
    cycle: str
    basis: str  # why this cycle: the permit's record, its application day, or today (not applied yet)


def title24_code_cycle(facts: Title24Facts) -> CodeCycle:
    """The permit's cycle as recorded, else the one in force on its application day, else today's."""
    permit = facts.permit
    if permit is not None and permit.code_cycle:
        return CodeCycle(permit.code_cycle, "as on the permit")
    if permit is not None and permit.applied_on is not None:
        return CodeCycle(permit_code_cycle(permit.applied_on), f"applied {permit.applied_on:%b %-d, %Y}")
    return CodeCycle(permit_code_cycle(company_today()), "today's; the permit is not applied for yet")


def title24_forms_missing(facts: Title24Facts) -> list[str]:
    """Each form the gate waits for, worded: "CF2R (installer's certificate of installation) — no registry id"."""
    missing = [SCOPE_NOT_RECORDED] if facts.applies and facts.scope is None else []
    for kind in facts.required_forms:
        form = facts.forms.get(kind)
        if form is None or not form.registry_id:
            missing.append(f"{FORM_LABELS[kind]} — no registry id")
        elif form.document is None or form.document.removed_at is not None:
            missing.append(f"{FORM_LABELS[kind]} — no document")
    return missing


def title24_gate_missing(job: Job) -> list[str]:
    """What the job's Title 24 gate still waits for (empty when closed or when Title 24 does not apply)."""
    if job.kind != JobKind.INSTALL:
        return []  # no queries for service calls
    return title24_forms_missing(title24_facts(job=job))


def hers_verification_missing(facts: Title24Facts) -> list[str]:
    """Why HERS has not passed yet, worded for the job page; empty when it passed or is not required."""
    if not facts.hers_required:
        return []
    verification = facts.verification
    if verification is None:
        return ["HERS verification — no rater booked"]
    name = "HERS re-test" if verification.retest_of_id else "HERS verification"
    if verification.status == HersStatus.PASSED:
        return []
    if verification.status == HersStatus.TO_BOOK:
        return [f"{name} — not scheduled"]
    if verification.status == HersStatus.SCHEDULED:
        return [f"{name} — scheduled {verification.scheduled_on:%b %-d}, no result yet"]
    if verification.status == HersStatus.FAILED:
        return [f"{name} — failed, no re-test booked"]
    return [f"{name} — cancelled, book the rater again"]


def hers_not_passed(job: Job) -> list[str]:
    """The lifecycle's "HERS passed" condition on Inspected."""
    if job.kind != JobKind.INSTALL:
        return []
    return hers_verification_missing(title24_facts(job=job))
