"""A customer's account and statement, and the AR aging report."""

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.views import View
from django.views.generic import TemplateView

from installops.access import AccessControlMixin
from installops.clock import company_today
from installops.forms import PageForm, announce_ignored

from .. import selectors
from ..forms.receivables import AsOfForm, CollectionNoteForm, StatementForm
from ..pdfs import statement_pdf
from .access import visible_customer_account

AGING_ROWS_PER_PAGE = 200


def account_context(request, customer, *, note_form=None) -> dict:
    """What the account page shows (also when a collection note is refused)."""
    account = selectors.customer_account(customer=customer)
    context = {
        "customer": customer,
        "account": account,
        "statement_form": StatementForm(),
        "today": company_today(),
        "collection_notes": None,  # the log is shown only to those who may read it
    }
    if request.user.has_perm("billing.view_collectionnote"):
        context["collection_notes"] = selectors.collection_notes_for(
            customer=customer, payments=account.payments, today=context["today"]
        )
    if request.user.has_perm("billing.add_collectionnote"):
        context["note_form"] = note_form or CollectionNoteForm()
    return context


class CustomerAccountView(AccessControlMixin, TemplateView):
    permission_required = "billing.view_receivables"
    template_name = "billing/receivables/customer_account.html"
    get_object = visible_customer_account

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(account_context(self.request, self.object))
        return context


class CustomerStatementPdfView(AccessControlMixin, View):
    """The statement for a range of days (the last 90 without one), rendered in the request."""

    permission_required = "billing.view_receivables"
    get_object = visible_customer_account

    def get(self, request, *args, **kwargs):
        form = StatementForm(request.GET or None)
        start, end = form.dates()
        statement = selectors.customer_statement(customer=self.object, start=start, end=end)
        response = HttpResponse(statement_pdf(statement=statement), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="statement-{self.object.pk}-{end:%Y-%m-%d}.pdf"'
        response["Cache-Control"] = "private, no-store"
        return response


class AgingView(AccessControlMixin, TemplateView):
    permission_required = "billing.view_receivables"
    template_name = "billing/receivables/aging.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = AsOfForm(self.request.GET or None)
        if form.is_bound and not form.is_valid():
            announce_ignored(self.request, form, instead="The report is as of today.")
        as_of = form.day()
        rows = selectors.aging_rows(as_of=as_of)
        context["form"] = form
        context["as_of"] = as_of
        context["buckets"] = selectors.AGING_BUCKETS
        context["totals"] = selectors.aging_totals(rows)
        context["page_obj"] = Paginator(rows, AGING_ROWS_PER_PAGE).get_page(PageForm(self.request.GET).number())
        return context
