"""The job page's "Invoices" panel: the job's invoices and credit notes, "Draft invoice", change orders."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views import View

from installops.access import AccessControlMixin
from installops.errors import DomainError

from .. import selectors, services
from ..forms.invoices import ChangeOrderDecisionForm, ChangeOrderForm
from ..selectors.invoice_checks import contract_with_change_orders
from .access import visible_change_order, visible_job


def panel(request, job, *, change_order_form=None, decision_forms=None, error: str = ""):
    user = request.user
    change_orders = selectors.job_change_orders(job=job)
    decision_forms = decision_forms or {}
    return render(
        request,
        "billing/invoices/_job_invoice_panel.html",
        {
            "job": job,
            "invoices": selectors.job_invoices(job=job),
            "expected_total": contract_with_change_orders(job),
            "change_orders": [
                (order, decision_forms.get(order.pk) or ChangeOrderDecisionForm(prefix=f"co-{order.pk}"))
                for order in change_orders
            ],
            "change_order_form": change_order_form or ChangeOrderForm(),
            "can_draft": user.has_perm("billing.add_invoice"),
            "can_add_change_order": user.has_perm("billing.add_changeorder"),
            "can_decide": user.has_perm("billing.change_changeorder"),
            "error": error,
        },
    )


class JobInvoicePanelView(AccessControlMixin, View):
    permission_required = "billing.view_invoice"
    get_object = visible_job

    def get(self, request, *args, **kwargs):
        return panel(request, self.object)


class ChangeOrderAddView(AccessControlMixin, View):
    """A change order proposed on the job (the customer approves or declines it later)."""

    permission_required = "billing.add_changeorder"
    get_object = visible_job

    def post(self, request, *args, **kwargs):
        job = self.object
        form = ChangeOrderForm(request.POST)
        if form.is_valid():
            try:
                services.change_order_add(job=job, by=request.user, **form.cleaned_data)
            except DomainError as refusal:
                form.add_error(refusal.field if refusal.field in form.fields else None, refusal.message)
            else:
                form = None
        if request.htmx:
            return panel(request, job, change_order_form=form)
        if form is not None:
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
        return redirect(job.get_absolute_url() + "#panel-invoices")


class ChangeOrderDecideView(AccessControlMixin, View):
    """The customer approved (on a day) or declined a proposed change order."""

    permission_required = "billing.change_changeorder"
    get_object = visible_change_order

    def post(self, request, *args, **kwargs):
        order = self.object
        form = ChangeOrderDecisionForm(request.POST, prefix=f"co-{order.pk}")
        if form.is_valid():
            try:
                services.change_order_decide(
                    change_order=order,
                    by=request.user,
                    approve=form.cleaned_data["decision"] == "approve",
                    approved_on=form.cleaned_data.get("approved_on"),
                )
            except DomainError as refusal:
                form.add_error(refusal.field if refusal.field in form.fields else None, refusal.message)
        failed = {order.pk: form} if form.errors else {}
        if request.htmx:
            return panel(request, order.job, decision_forms=failed)
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(order.job.get_absolute_url() + "#panel-invoices")
