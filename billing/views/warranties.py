"""Warranty registrations: the units to register (overdue first, with days left) and the registered ones;
registering a unit from its row."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from installops.access import AccessControlMixin
from installops.errors import DomainError
from installops.forms import NextForm, announce_ignored, valid_values
from jobs.selectors import installed_equipment_list_for_job

from .. import services
from ..forms.warranties import WarrantyListFilterForm, WarrantyRegisterForm
from ..selectors.warranties import warranty_due_list, warranty_registration_list, warranty_status_for_units
from .access import visible_job, visible_unit

TEMPLATE = "billing/warranties/warranty_list.html"


def list_context(request, *, bound=None, bound_unit_id=None) -> dict:
    form = WarrantyListFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        announce_ignored(request, form, instead="Showing every unit to register.")
    values = valid_values(form)
    show = values.get("show") or "due"
    within_days = values.get("within_days")
    context = {
        "show": show,
        "within_days": within_days,
        "can_register": request.user.has_perm("billing.add_warrantyregistration"),
        "blank_form": WarrantyRegisterForm(),
        "bound": bound,
        "bound_unit_id": bound_unit_id,
    }
    if show == "registered":
        context["registrations"] = warranty_registration_list(user=request.user)
    else:
        due, total = warranty_due_list(user=request.user, within_days=within_days)
        context.update(due=due, total=total, more=total - len(due))
    return context


class WarrantyListView(AccessControlMixin, TemplateView):
    permission_required = "billing.view_warrantyregistration"
    template_name = TEMPLATE

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **list_context(self.request)}


class JobWarrantiesPanelView(AccessControlMixin, View):
    """The job page's warranty panel: each installed unit's registration ("registered, conf. #…" or
    the day it is due), the one record of it now that the folder's equipment list no longer says."""

    permission_required = "billing.view_warrantyregistration"
    get_object = visible_job

    def get(self, request, *args, **kwargs):
        units = list(installed_equipment_list_for_job(job=self.object))
        status = warranty_status_for_units(units)
        return render(
            request,
            "billing/warranties/_job_warranties_panel.html",
            {
                "job": self.object,
                "rows": [(unit, status[unit.pk]) for unit in units],
                "can_register": request.user.has_perm("billing.add_warrantyregistration"),
                "blank_form": WarrantyRegisterForm(),
            },
        )


class WarrantyRegisterView(AccessControlMixin, View):
    """ "Registered": the confirmation number the manufacturer gave for one unit."""

    permission_required = "billing.add_warrantyregistration"
    get_object = visible_unit
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        unit = self.object
        form = WarrantyRegisterForm(request.POST)
        if form.is_valid():
            try:
                registration = services.warranty_register(unit=unit, by=request.user, **form.cleaned_data)
            except DomainError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                messages.success(
                    request,
                    f"{unit.manufacturer} s/n {unit.serial_number} registered, "
                    f"conf. #{registration.confirmation_number}.",
                )
                return redirect(NextForm(request.POST).path() or reverse("billing:warranty_list"))
        return render(request, TEMPLATE, list_context(request, bound=form, bound_unit_id=unit.pk), status=400)
