"""The collections list and the collection log's new note (by htmx, the log card comes back)."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.generic import FormView, TemplateView

from installops.access import AccessControlMixin
from installops.clock import company_today
from installops.errors import DomainError
from installops.forms import PageForm

from .. import selectors, services
from ..forms.receivables import CollectionNoteForm
from .access import visible_customer_account
from .receivables import account_context

CUSTOMERS_PER_PAGE = 100
LOG_TEMPLATE = "billing/receivables/_collection_log.html"


class CollectionListView(AccessControlMixin, TemplateView):
    permission_required = ("billing.view_receivables", "billing.view_collectionnote")
    template_name = "billing/receivables/collections.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = company_today()
        page = selectors.collection_page(
            today=today, page_number=PageForm(self.request.GET).number(), per_page=CUSTOMERS_PER_PAGE
        )
        context["page_obj"] = page
        context["today"] = today
        return context


class CollectionNoteAddView(AccessControlMixin, FormView):
    permission_required = ("billing.view_receivables", "billing.add_collectionnote")
    get_object = visible_customer_account
    http_method_names = ["post"]
    form_class = CollectionNoteForm

    def form_valid(self, form):
        try:
            services.collection_note_add(customer=self.object, by=self.request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
            return self.form_invalid(form)
        if self.request.htmx:
            return render(self.request, LOG_TEMPLATE, account_context(self.request, self.object))
        messages.success(self.request, f"Note added to {self.object.name}'s collection log.")
        return HttpResponseRedirect(reverse("billing:customer_account", args=[self.object.pk]) + "#collections")

    def form_invalid(self, form):
        context = account_context(self.request, self.object, note_form=form)
        if self.request.htmx:
            # htmx swaps only a 2xx answer: the card comes back with the messages and the entries.
            return render(self.request, LOG_TEMPLATE, context)
        return self.response_class(
            request=self.request,
            template="billing/receivables/customer_account.html",
            context=context,
            status=400,
        )
