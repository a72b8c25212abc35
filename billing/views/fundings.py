"""The fundings list (what finance companies owe, oldest request first) and the job page's funding panel,
whose steps post by htmx and get the panel back (a refusal redisplays the step's form with what was typed)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from installops.access import AccessControlMixin
from installops.clock import company_today
from installops.errors import DomainError
from installops.forms import PageForm, announce_ignored

from .. import services
from ..choices import FundingStatus
from ..forms.fundings import (
    CertificateSignedForm,
    FundedForm,
    FundingCancelForm,
    FundingFilterForm,
    FundingOpenForm,
    FundingRequestForm,
    ReconcileFundingForm,
)
from ..money import dollars
from ..selectors import fundings as selectors
from ..services.fundings import funding_difference
from .access import visible_job

F = FundingStatus
PANEL = "billing/fundings/_job_funding_panel.html"
PAGE_SIZE = 50

# step → (form, permission, the statuses it starts from; None: the job has no live funding), label
STEPS: dict[str, tuple[type, str, tuple[str, ...] | None, str]] = {
    "open": (FundingOpenForm, "billing.add_financefunding", None, "Loan approved"),
    "certificate": (CertificateSignedForm, "billing.change_financefunding", (F.APPROVED,), "Certificate signed"),
    "request": (FundingRequestForm, "billing.change_financefunding", (F.CERTIFICATE_SIGNED,), "Funding requested"),
    "funded": (FundedForm, "billing.change_financefunding", (F.REQUESTED,), "Funding received"),
    "reconcile": (ReconcileFundingForm, "billing.change_financefunding", (F.FUNDED,), "Reconcile"),
    "cancel": (
        FundingCancelForm,
        "billing.change_financefunding",
        (F.APPROVED, F.CERTIFICATE_SIGNED, F.REQUESTED),
        "Cancel the funding",
    ),
}


class FundingListView(AccessControlMixin, TemplateView):
    """Fundings requested and not received, oldest request first with the days waiting; the other states
    through the filter; the dealer fees (the company's cost) by month."""

    permission_required = ("billing.view_financefunding", "billing.view_payment")
    template_name = "billing/fundings/funding_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        form = FundingFilterForm(self.request.GET or None)
        status = form.status_or_default()
        if form.errors:
            announce_ignored(self.request, form, instead="The list shows the fundings waiting instead.")
        counts = selectors.funding_counts(user=user)
        today = company_today()
        page = Paginator(selectors.funding_list(user=user, status=status), PAGE_SIZE).get_page(
            PageForm(self.request.GET).number()
        )
        for funding in page.object_list:
            funding.days_waiting = (today - funding.requested_on).days if funding.requested_on else None
            funding.to_chase = (funding.days_waiting or 0) > selectors.FUNDING_CHASE_AFTER_DAYS
        context.update(
            status=status,
            status_label=F(status).label,
            status_options=[(value, label, counts[value]) for value, label in F.choices],
            page_obj=page,
            fees=selectors.dealer_fees_by_month(user=user, today=today),
        )
        return context


def panel_context(request, job, *, bound: dict | None = None, done: str = "") -> dict:
    user = request.user
    funding = selectors.job_funding(job=job)
    live = funding is not None and funding.status != F.CANCELLED
    can_change = user.has_perm("billing.change_financefunding")
    steps = []
    for step, (form_class, permission, from_statuses, label) in STEPS.items():
        if not user.has_perm(permission):
            continue
        if from_statuses is None:
            if live:
                continue
        elif not live or funding.status not in from_statuses:
            continue
        form = (bound or {}).get(step) or _blank_form(step, form_class, job)
        steps.append((step, label, form, reverse(f"billing:funding_{step}", args=[job.pk])))
    return {
        "job": job,
        "funding": funding,
        "live": live,
        "difference": funding_difference(funding) if live and funding.status == F.FUNDED else None,
        "steps": steps,
        "done": done,
        # The dealer fee and what was netted are the company's cost: receivables only.
        "can_see_fee": user.has_perm("billing.view_payment"),
        "history": selectors.funding_history(funding=funding) if funding and can_change else [],
    }


def _blank_form(step: str, form_class, job):
    if step == "open":
        # What the salesperson wrote on the job when the loan was approved.
        return form_class(
            initial={
                "finance_company": job.finance_company_id,
                "approved_amount": job.finance_approved_amount,
                "approved_on": company_today(),
            }
        )
    return form_class()


class JobFundingPanelView(AccessControlMixin, View):
    """The funding panel: the loan's steps and dates; accounting takes the steps, sales follow along."""

    permission_required = "billing.view_financefunding"
    get_object = visible_job

    def get(self, request, *args, **kwargs):
        return render(request, PANEL, panel_context(request, self.object))


class FundingStepView(AccessControlMixin, View):
    get_object = visible_job
    http_method_names = ["post"]
    step = ""

    def post(self, request, *args, **kwargs):
        job = self.object
        form = STEPS[self.step][0](request.POST)
        if form.is_valid():
            try:
                funding = selectors.job_funding(job=job)
                if self.step != "open" and (funding is None or funding.status == F.CANCELLED):
                    raise DomainError("This job has no funding yet.")
                done = self.act(job=job, funding=funding, data=form.cleaned_data, by=request.user)
            except DomainError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                if not request.htmx:
                    messages.success(request, done)
                    return redirect(job)
                return render(request, PANEL, panel_context(request, job, done=done))
        context = panel_context(request, job, bound={self.step: form})
        context["failed_step"] = self.step
        if self.step not in [step for step, *_rest in context["steps"]]:
            context["refusal"] = " ".join(str(message) for errors in form.errors.values() for message in errors)
        return render(request, PANEL, context, status=200 if request.htmx else 400)

    def act(self, *, job, funding, data, by) -> str:
        raise NotImplementedError


class FundingOpenView(FundingStepView):
    permission_required = STEPS["open"][1]
    step = "open"

    def act(self, *, job, funding, data, by) -> str:
        funding = services.funding_open(
            job=job,
            finance_company=data["finance_company"],
            approved_amount=data["approved_amount"],
            approved_on=data["approved_on"],
            loan_number=data["loan_number"],
            by=by,
        )
        return f"Loan of {dollars(funding.approved_amount)} with {funding.finance_company} recorded."


class FundingCertificateView(FundingStepView):
    permission_required = STEPS["certificate"][1]
    step = "certificate"

    def act(self, *, job, funding, data, by) -> str:
        services.funding_certificate_signed(funding=funding, signed_on=data["signed_on"], by=by)
        return "Completion certificate signed."


class FundingRequestView(FundingStepView):
    permission_required = STEPS["request"][1]
    step = "request"

    def act(self, *, job, funding, data, by) -> str:
        services.funding_request(funding=funding, requested_on=data["requested_on"], by=by)
        return "Funding requested."


class FundingFundedView(FundingStepView):
    permission_required = STEPS["funded"][1]
    step = "funded"

    def act(self, *, job, funding, data, by) -> str:
        funding = services.funding_record_funded(
            funding=funding,
            funded_on=data["funded_on"],
            funded_amount=data["funded_amount"],
            dealer_fee=data["dealer_fee"],
            by=by,
        )
        return f"Funded: {dollars(funding.funded_amount)} credited, {dollars(funding.net_received)} received."


class FundingReconcileView(FundingStepView):
    permission_required = STEPS["reconcile"][1]
    step = "reconcile"

    def act(self, *, job, funding, data, by) -> str:
        services.funding_reconcile(funding=funding, explanation=data["explanation"], by=by)
        return "Funding reconciled."


class FundingCancelView(FundingStepView):
    permission_required = STEPS["cancel"][1]
    step = "cancel"

    def act(self, *, job, funding, data, by) -> str:
        services.funding_cancel(funding=funding, reason=data["reason"], by=by)
        return "Funding cancelled."
