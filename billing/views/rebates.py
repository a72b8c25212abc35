"""Rebates: the office's list (not yet submitted, oldest first, with what each still lacks), the job
page's rebates panel, and each step on a claim, posted by htmx from the panel or from the list."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from installops.access import AccessControlMixin
from installops.errors import DomainError
from installops.forms import NextForm, announce_ignored, valid_values

from .. import services
from ..choices import RebateStatus
from ..forms.rebates import (
    RebateApproveForm,
    RebateDenyForm,
    RebateListFilterForm,
    RebateOpenForm,
    RebatePaidForm,
    RebateSubmitForm,
)
from ..selectors.rebates import rebate_list_eligible_programs, rebate_list_for, rebate_list_for_job
from .access import visible_job, visible_rebate

PANEL = "billing/rebates/_job_rebates_panel.html"
S = RebateStatus

# Each step on a claim: its form, the status it starts from.
STEPS = {
    "submit": (RebateSubmitForm, S.TO_SUBMIT, "Submit"),
    "approve": (RebateApproveForm, S.SUBMITTED, "Approved"),
    "deny": (RebateDenyForm, S.SUBMITTED, "Denied"),
    "paid": (RebatePaidForm, S.APPROVED, "Paid"),
}


def panel_context(request, job, *, bound: dict | None = None, open_form=None, done: str = "") -> dict:
    user = request.user
    can_change = user.has_perm("billing.change_rebate")
    rebates = rebate_list_for_job(job=job)
    for rebate in rebates:
        rebate.steps = [
            (
                step,
                label,
                (bound or {}).get((rebate.pk, step)) or form_class(),
                reverse(f"billing:rebate_{step}", args=[rebate.pk]),
            )
            for step, (form_class, from_status, label) in STEPS.items()
            if can_change and rebate.status == from_status
        ]
    opened = {rebate.program_id for rebate in rebates}
    eligible = [found for found in rebate_list_eligible_programs(job) if found.program.pk not in opened]
    can_open = user.has_perm("billing.add_rebate") and eligible
    return {
        "job": job,
        "rebates": rebates,
        "eligible": eligible,
        "open_form": (open_form or RebateOpenForm(programs=[found.program for found in eligible]))
        if can_open
        else None,
        "done": done,
    }


class JobRebatesPanelView(AccessControlMixin, View):
    """The job page's rebates: each claim with its status and missing papers, and the programs the
    installed equipment qualifies for."""

    permission_required = "billing.view_rebate"
    get_object = visible_job

    def get(self, request, *args, **kwargs):
        return render(request, PANEL, panel_context(request, self.object))


class RebateOpenView(AccessControlMixin, View):
    permission_required = "billing.add_rebate"
    get_object = visible_job
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        job = self.object
        form = RebateOpenForm(request.POST)
        if form.is_valid():
            try:
                rebate = services.rebate_open(job=job, program=form.cleaned_data["program"], by=request.user)
            except DomainError as error:
                form.add_error("program" if error.field == "program" else None, error.message)
            else:
                done = f"{rebate.program.name} rebate opened."
                if not request.htmx:
                    messages.success(request, done)
                    return redirect(job)
                return render(request, PANEL, panel_context(request, job, done=done))
        return render(request, PANEL, panel_context(request, job, open_form=form), status=200 if request.htmx else 400)


class RebateStepView(AccessControlMixin, View):
    """One step on a claim. From the job's panel (htmx) the panel comes back; from the list, the list."""

    permission_required = "billing.change_rebate"
    get_object = visible_rebate
    http_method_names = ["post"]
    step = ""

    def post(self, request, *args, **kwargs):
        rebate = self.object
        form = STEPS[self.step][0](request.POST)
        done = ""
        if form.is_valid():
            try:
                done = self.act(rebate=rebate, data=form.cleaned_data, by=request.user)
            except DomainError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
        if request.htmx:
            bound = {} if done else {(rebate.pk, self.step): form}
            return render(request, PANEL, panel_context(request, rebate.job, bound=bound, done=done))
        if done:
            messages.success(request, f"{rebate.job.number}: {done}")
        else:
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, f"{rebate.job.number}, {rebate.program.name}: {error}")
        back = NextForm(request.POST).path()
        return redirect(back or rebate.job.get_absolute_url())

    def act(self, *, rebate, data, by) -> str:
        raise NotImplementedError


class RebateSubmitView(RebateStepView):
    step = "submit"

    def act(self, *, rebate, data, by) -> str:
        services.rebate_submit(
            rebate=rebate, by=by, claim_reference=data["claim_reference"], submitted_on=data["submitted_on"]
        )
        return f"{rebate.program.name} rebate submitted."


class RebateApproveView(RebateStepView):
    step = "approve"

    def act(self, *, rebate, data, by) -> str:
        services.rebate_approve(
            rebate=rebate, by=by, approved_on=data["approved_on"], claim_reference=data["claim_reference"]
        )
        return f"{rebate.program.name} rebate approved."


class RebateDenyView(RebateStepView):
    step = "deny"

    def act(self, *, rebate, data, by) -> str:
        services.rebate_deny(rebate=rebate, reason=data["reason"], denied_on=data["denied_on"], by=by)
        return f"{rebate.program.name} rebate denied."


class RebatePaidView(RebateStepView):
    step = "paid"

    def act(self, *, rebate, data, by) -> str:
        services.rebate_mark_paid(
            rebate=rebate, amount_received=data["amount_received"], paid_on=data["paid_on"], by=by
        )
        return f"{rebate.program.name} rebate paid."


class RebateListView(AccessControlMixin, TemplateView):
    """The rebates not yet submitted, oldest first, with the papers each still lacks (other states by filter)."""

    permission_required = "billing.view_rebate"
    template_name = "billing/rebates/rebate_list.html"

    def get_context_data(self, **kwargs):
        form = RebateListFilterForm(self.request.GET or None)
        if form.is_bound and not form.is_valid():
            announce_ignored(self.request, form, instead="Showing the rebates to submit.")
        status = valid_values(form).get("status") or S.TO_SUBMIT
        page = rebate_list_for(user=self.request.user, status=status)
        user = self.request.user
        return {
            **super().get_context_data(**kwargs),
            "page": page,
            "status": status,
            "status_label": S(status).label,
            "tabs": [(value, label, page.counts.get(value, 0)) for value, label in S.choices],
            "more": page.total - len(page.rebates),
            "can_change": user.has_perm("billing.change_rebate"),
            "submit_form": RebateSubmitForm(),
            "here": self.request.get_full_path(),
        }
