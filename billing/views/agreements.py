"""Maintenance agreements: the list (active, renewals due, expired, cancelled), an agreement's page with
its visits, entering one from a job or a customer, renewing and cancelling; the job page's club panel."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views import View
from django.views.generic import FormView, TemplateView

from installops.access import AccessControlMixin
from installops.errors import DomainError
from installops.forms import announce_ignored, valid_values
from jobs.models import Customer

from .. import services
from ..forms.agreements import AgreementCancelForm, AgreementEnterForm, AgreementListFilterForm
from ..models import MaintenanceAgreement
from ..selectors.agreements import (
    AgreementTab,
    agreement_list,
    agreement_renewal,
    agreement_tab_counts,
    agreement_visits,
    customer_agreements,
)
from .access import agreement_from_url, visible_job


class AgreementListView(AccessControlMixin, TemplateView):
    permission_required = "billing.view_maintenanceagreement"
    template_name = "billing/agreements/agreement_list.html"

    def get_context_data(self, **kwargs):
        form = AgreementListFilterForm(self.request.GET or None)
        if form.is_bound and not form.is_valid():
            announce_ignored(self.request, form, instead="Showing the active agreements.")
        tab = valid_values(form).get("tab") or AgreementTab.ACTIVE
        agreements, total = agreement_list(tab=tab)
        counts = agreement_tab_counts()
        return {
            **super().get_context_data(**kwargs),
            "tab": tab,
            "tabs": [(value, label, counts[value]) for value, label in AgreementTab.CHOICES],
            "agreements": agreements,
            "total": total,
            "more": total - len(agreements),
            "can_renew": self.request.user.has_perm("billing.add_maintenanceagreement"),
        }


def _detail_context(request, agreement: MaintenanceAgreement, *, cancel_form=None) -> dict:
    user = request.user
    renewal = agreement_renewal(agreement=agreement)
    return {
        "agreement": agreement,
        "visits": agreement_visits(agreement=agreement),
        "renewal": renewal,
        "can_renew": user.has_perm("billing.add_maintenanceagreement")
        and renewal is None
        and agreement.status != "cancelled",
        "can_cancel": user.has_perm("billing.change_maintenanceagreement") and agreement.status == "active",
        "can_enter_new": user.has_perm("billing.add_maintenanceagreement") and agreement.status != "active",
        "cancel_form": cancel_form or AgreementCancelForm(),
    }


class AgreementDetailView(AccessControlMixin, TemplateView):
    permission_required = "billing.view_maintenanceagreement"
    template_name = "billing/agreements/agreement_detail.html"
    get_object = agreement_from_url

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **_detail_context(self.request, self.object)}


class AgreementEnterView(AccessControlMixin, FormView):
    """Enter an agreement for the customer of a job (sold on that job) or for a customer."""

    permission_required = "billing.add_maintenanceagreement"
    form_class = AgreementEnterForm
    template_name = "billing/agreements/agreement_enter.html"
    from_job = True

    def get_object(self):
        if self.from_job:
            return visible_job(self)
        return Customer.objects.get(pk=self.kwargs["pk"])

    def customer(self) -> Customer:
        return self.object.customer if self.from_job else self.object

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["customer"] = self.customer()
        if self.from_job:
            kwargs["initial"] = {**kwargs.get("initial", {}), "site": self.object.site_id}
        return kwargs

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "customer": self.customer(),
            "job": self.object if self.from_job else None,
            "current": customer_agreements(customer=self.customer()),
        }

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            agreement = services.agreement_enter(
                customer=self.customer(),
                site=data["site"],
                plan=data["plan"],
                starts_on=data["starts_on"],
                price=data["price"],
                auto_renew=data["auto_renew"],
                sold_on_job=self.object if self.from_job else None,
                by=self.request.user,
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
            return self.form_invalid(form)
        messages.success(
            self.request, f"{agreement.plan.name} entered, with {agreement.visits_included} maintenance jobs to book."
        )
        return redirect("billing:agreement_detail", agreement.pk)


class AgreementEnterForCustomerView(AgreementEnterView):
    from_job = False


class AgreementRenewView(AccessControlMixin, View):
    permission_required = "billing.add_maintenanceagreement"
    get_object = agreement_from_url
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            renewal = services.agreement_renew(agreement=self.object, by=request.user)
        except DomainError as error:
            messages.error(request, error.message)
            return redirect("billing:agreement_detail", self.object.pk)
        messages.success(
            request,
            f"Renewed until {renewal.ends_on:%b %d, %Y}, with {renewal.visits_included} maintenance jobs to book.",
        )
        return redirect("billing:agreement_detail", renewal.pk)


class AgreementCancelView(AccessControlMixin, View):
    permission_required = "billing.change_maintenanceagreement"
    get_object = agreement_from_url
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        agreement = self.object
        form = AgreementCancelForm(request.POST)
        if form.is_valid():
            try:
                left = services.agreement_cancel(
                    agreement=agreement,
                    reason=form.cleaned_data["reason"],
                    cancelled_on=form.cleaned_data["cancelled_on"],
                    by=request.user,
                )
            except DomainError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                messages.success(request, "Agreement cancelled.")
                if left:
                    numbers = ", ".join(job.number for job in left)
                    messages.warning(
                        request, f"Maintenance jobs {numbers} are still to cancel: a coordinator cancels them."
                    )
                return redirect("billing:agreement_detail", agreement.pk)
        agreement.refresh_from_db()
        return render(
            request,
            "billing/agreements/agreement_detail.html",
            _detail_context(request, agreement, cancel_form=form),
            status=400,
        )


class JobAgreementsPanelView(AccessControlMixin, View):
    """The job page's club panel: the customer's agreements and, for accounting, "Enter an agreement"."""

    permission_required = "billing.view_maintenanceagreement"
    get_object = visible_job

    def get(self, request, *args, **kwargs):
        job = self.object
        return render(
            request,
            "billing/agreements/_job_agreements_panel.html",
            {
                "job": job,
                "agreements": customer_agreements(customer=job.customer),
                "can_enter": request.user.has_perm("billing.add_maintenanceagreement"),
            },
        )
