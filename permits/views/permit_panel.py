"""The job page's permit panel, and each step the office takes on the permit from it.

Every step posts by htmx and gets the panel back: a refusal redisplays the step's form in the panel
with what was typed. Without htmx a step that worked goes back to the job page.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views import View

from installops.access import AccessControlMixin
from installops.errors import DomainError
from jobs.choices import JobStatus

from .. import selectors, services
from ..choices import LIVE_PERMIT_STATUSES, NUMBERED_PERMIT_STATUSES, PermitStatus
from ..forms.permits import (
    PermitApplyForm,
    PermitCorrectNumberForm,
    PermitDocumentForm,
    PermitExemptForm,
    PermitExemptionWithdrawForm,
    PermitExpireForm,
    PermitFinaledForm,
    PermitIssueForm,
    PermitOpenForm,
    PermitRejectForm,
    PermitStartOverrideForm,
    SiteJurisdictionForm,
)
from .access import visible_job

TEMPLATE = "permits/permit/_permit_panel.html"
P = PermitStatus

# The steps: URL name's suffix → (form, the permission the step needs, the permit statuses it starts
# from; None when the step is about the job rather than its live permit).
STEPS: dict[str, tuple[type, str, tuple[str, ...] | None]] = {
    "open": (PermitOpenForm, "permits.add_permit", None),
    "apply": (PermitApplyForm, "permits.change_permit", (P.TO_APPLY,)),
    "issue": (PermitIssueForm, "permits.change_permit", (P.TO_APPLY, P.APPLIED)),
    "correct_number": (PermitCorrectNumberForm, "permits.change_permit", tuple(NUMBERED_PERMIT_STATUSES)),
    "reject": (PermitRejectForm, "permits.change_permit", (P.APPLIED,)),
    "expire": (PermitExpireForm, "permits.change_permit", (P.ISSUED,)),
    "finaled": (PermitFinaledForm, "permits.change_permit", (P.ISSUED,)),
    "document": (PermitDocumentForm, "permits.change_permit", tuple(LIVE_PERMIT_STATUSES)),
    "exempt": (PermitExemptForm, "permits.add_permitexemption", None),
    "withdraw_exemption": (PermitExemptionWithdrawForm, "permits.delete_permitexemption", None),
    "override": (PermitStartOverrideForm, "permits.override_permit_gate", None),
    "jurisdiction": (SiteJurisdictionForm, "permits.change_sitejurisdiction", None),
}


STEP_LABELS = {
    "open": "Start the permit",
    "apply": "Record the application",
    "issue": "Enter the permit number",
    "correct_number": "Correct the number",
    "reject": "Rejected by the department",
    "expire": "Expired",
    "finaled": "Finaled",
    "document": "Attach the permit document",
    "exempt": "No permit needed",
    "withdraw_exemption": "A permit is needed after all",
    "override": "Let the install start without the permit",
    "jurisdiction": "Change the building department",
}


def panel_context(request, job, *, bound: dict | None = None, done: str = "") -> dict:
    """The panel's context: what the permit says, and the forms of the steps this user may take now."""
    user = request.user
    panel = selectors.permit_panel_for(job=job)
    status = panel.permit.status if panel.permit else None
    steps = []
    for step, (form_class, permission, from_statuses) in STEPS.items():
        if not user.has_perm(permission) or not _step_open(step, panel, status, from_statuses):
            continue
        form = (bound or {}).get(step) or _blank_form(step, form_class, panel)
        steps.append((step, STEP_LABELS[step], form, reverse(f"permits:permit_{step}", args=[job.pk])))
    return {
        "job": job,
        "panel": panel,
        "permit": panel.permit,
        "steps": steps,
        "done": done,
        "can_see_fee": user.has_perm("permits.view_permit_fee"),
        "can_move_to_permitted": status in NUMBERED_PERMIT_STATUSES and job.status == JobStatus.SCHEDULED,
    }


def _step_open(step: str, panel, status, from_statuses) -> bool:
    if from_statuses is not None:
        return status in from_statuses
    if step == "open":
        return panel.permit is None and panel.exemption is None
    if step == "exempt":
        return panel.permit is None and panel.exemption is None and panel.requirement.needed
    if step == "withdraw_exemption":
        return panel.exemption is not None
    if step == "override":
        return panel.requirement.needed and status not in NUMBERED_PERMIT_STATUSES and not panel.overrides
    return True  # the site's department can always be changed


def _blank_form(step: str, form_class, panel):
    known = panel.jurisdiction.jurisdiction
    if step in ("open", "jurisdiction") and known is not None:
        return form_class(initial={"jurisdiction": known.pk})
    return form_class()


class PermitPanelView(AccessControlMixin, View):
    """The permit panel: status, department, number, dates, fee (for those who may see fees), the
    document, the exemption and overrides; and the steps for the office. Installers and salespeople
    see their jobs' permit read-only."""

    permission_required = "permits.view_permit"
    get_object = visible_job

    def get(self, request, *args, **kwargs):
        return render(request, TEMPLATE, panel_context(request, self.object))


class PermitStepView(AccessControlMixin, View):
    """One step on the job's permit (see STEPS): the subclass names the step and calls its service;
    the panel comes back with the result or with the refused form."""

    get_object = visible_job
    http_method_names = ["post"]
    step = ""
    # Steps on the live permit refuse a job that has none yet; the others are about the job.
    needs_permit = True

    def post(self, request, *args, **kwargs):
        job = self.object
        form = STEPS[self.step][0](request.POST, request.FILES)
        if form.is_valid():
            try:
                permit = selectors.permit_get_live(job=job)
                if permit is None and self.needs_permit:
                    raise DomainError("This job has no permit yet.")
                done = self.act(job=job, permit=permit, data=form.cleaned_data, by=request.user)
            except DomainError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                if not request.htmx:
                    messages.success(request, done)
                    return redirect(job)
                return render(request, TEMPLATE, panel_context(request, job, done=done))
        context = panel_context(request, job, bound={self.step: form})
        context["failed_step"] = self.step
        if self.step not in [step for step, *_rest in context["steps"]]:
            # The step is no longer offered (someone else moved the permit on): say why all the same.
            context["refusal"] = " ".join(str(message) for errors in form.errors.values() for message in errors)
        # htmx swaps only a successful answer: the panel with the refused form comes back as one.
        return render(request, TEMPLATE, context, status=200 if request.htmx else 400)

    def act(self, *, job, permit, data, by) -> str:
        raise NotImplementedError


class PermitOpenView(PermitStepView):
    permission_required = STEPS["open"][1]
    step, needs_permit = "open", False

    def act(self, *, job, permit, data, by) -> str:
        permit = services.permit_open(
            job=job, by=by, jurisdiction=data["jurisdiction"], fee=data["fee"], applied_on=data["applied_on"]
        )
        return f"Permit {permit.get_status_display().lower()} with {permit.jurisdiction}."


class PermitApplyView(PermitStepView):
    permission_required = STEPS["apply"][1]
    step = "apply"

    def act(self, *, job, permit, data, by) -> str:
        services.permit_apply(permit=permit, applied_on=data["applied_on"], fee=data["fee"], by=by)
        return "Application recorded."


class PermitIssueView(PermitStepView):
    permission_required = STEPS["issue"][1]
    step = "issue"

    def act(self, *, job, permit, data, by) -> str:
        permit = services.permit_record_issued(
            permit=permit, number=data["number"], issued_on=data["issued_on"], expires_on=data["expires_on"], by=by
        )
        return f"Permit {permit.number} issued."


class PermitCorrectNumberView(PermitStepView):
    permission_required = STEPS["correct_number"][1]
    step = "correct_number"

    def act(self, *, job, permit, data, by) -> str:
        permit = services.permit_correct_number(permit=permit, number=data["number"], reason=data["reason"], by=by)
        return f"Permit number corrected to {permit.number}."


class PermitRejectView(PermitStepView):
    permission_required = STEPS["reject"][1]
    step = "reject"

    def act(self, *, job, permit, data, by) -> str:
        services.permit_reject(permit=permit, reason=data["reason"], by=by)
        return "Permit rejected: the job can apply again."


class PermitExpireView(PermitStepView):
    permission_required = STEPS["expire"][1]
    step = "expire"

    def act(self, *, job, permit, data, by) -> str:
        services.permit_expire(permit=permit, reason=data["reason"], by=by)
        return "Permit expired: the job needs a new one."


class PermitFinaledView(PermitStepView):
    permission_required = STEPS["finaled"][1]
    step = "finaled"

    def act(self, *, job, permit, data, by) -> str:
        services.permit_mark_finaled(permit=permit, finaled_on=data["finaled_on"], by=by)
        return "Permit finaled."


class PermitDocumentView(PermitStepView):
    permission_required = STEPS["document"][1]
    step = "document"

    def act(self, *, job, permit, data, by) -> str:
        services.permit_attach_document(permit=permit, upload=data["file"], by=by)
        return "Permit document filed in the job folder."


class PermitExemptView(PermitStepView):
    permission_required = STEPS["exempt"][1]
    step, needs_permit = "exempt", False

    def act(self, *, job, permit, data, by) -> str:
        services.permit_exempt(job=job, reason=data["reason"], by=by)
        return "No permit needed for this job."


class PermitExemptionWithdrawView(PermitStepView):
    permission_required = STEPS["withdraw_exemption"][1]
    step, needs_permit = "withdraw_exemption", False

    def act(self, *, job, permit, data, by) -> str:
        services.permit_exemption_withdraw(job=job, reason=data["reason"], by=by)
        return "This job needs a permit after all."


class PermitOverrideView(PermitStepView):
    permission_required = STEPS["override"][1]
    step, needs_permit = "override", False

    def act(self, *, job, permit, data, by) -> str:
        services.permit_start_override_grant(job=job, reason=data["reason"], by=by)
        return "The install may start without its permit."


class PermitJurisdictionView(PermitStepView):
    permission_required = STEPS["jurisdiction"][1]
    step, needs_permit = "jurisdiction", False

    def act(self, *, job, permit, data, by) -> str:
        link = services.site_jurisdiction_set(site=job.site, jurisdiction=data["jurisdiction"], by=by)
        return f"The site belongs to {link.jurisdiction}."
