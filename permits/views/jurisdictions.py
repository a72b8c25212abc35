"""The building departments: the office's list, adding one and editing its details."""

from django.contrib import messages
from django.shortcuts import redirect
from django.views.generic import FormView, TemplateView

from installops.access import AccessControlMixin
from installops.errors import DomainError

from .. import selectors, services
from ..forms.jurisdictions import JurisdictionForm
from .access import jurisdiction_from_url


def _form_error(form, error: DomainError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


def _values(form: JurisdictionForm) -> dict:
    return {name: form.cleaned_data[name] for name in form.Meta.fields}


class JurisdictionListView(AccessControlMixin, TemplateView):
    permission_required = "permits.view_jurisdiction"
    template_name = "permits/jurisdictions/jurisdiction_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["jurisdictions"] = list(selectors.jurisdiction_list_for_table())
        context["can_add"] = self.request.user.has_perm("permits.add_jurisdiction")
        context["can_change"] = self.request.user.has_perm("permits.change_jurisdiction")
        return context


class JurisdictionCreateView(AccessControlMixin, FormView):
    permission_required = "permits.add_jurisdiction"
    template_name = "permits/jurisdictions/jurisdiction_form.html"
    form_class = JurisdictionForm

    def form_valid(self, form):
        try:
            jurisdiction = services.jurisdiction_create(by=self.request.user, **_values(form))
        except DomainError as error:
            _form_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, f"{jurisdiction.name} added.")
        return redirect("permits:jurisdiction_list")

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


class JurisdictionEditView(AccessControlMixin, FormView):
    permission_required = "permits.change_jurisdiction"
    get_object = jurisdiction_from_url
    template_name = "permits/jurisdictions/jurisdiction_form.html"
    form_class = JurisdictionForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.object
        return kwargs

    def get_context_data(self, **kwargs):
        return super().get_context_data(jurisdiction=self.object, **kwargs)

    def form_valid(self, form):
        try:
            jurisdiction = services.jurisdiction_update(jurisdiction=self.object, by=self.request.user, **_values(form))
        except DomainError as error:
            _form_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, f"{jurisdiction.name} saved.")
        return redirect("permits:jurisdiction_list")

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)
