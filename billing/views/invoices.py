"""The invoice list, one invoice's page (read-only once posted, editable while a draft), and its PDF."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.views import View
from django.views.generic import TemplateView

from installops.access import AccessControlMixin
from installops.downloads import stored_file_response
from installops.errors import DomainError
from installops.forms import DownloadForm, PageForm, announce_ignored, valid_values

from .. import selectors, services
from ..choices import InvoiceStatus, RenderStatus
from ..forms.invoices import (
    CreditNoteForm,
    InvoiceFilterForm,
    InvoiceHeaderForm,
    InvoiceLineAddForm,
    InvoiceLineEditForm,
)
from ..selectors.invoices import LIST_PAGE_SIZE
from .access import visible_invoice, visible_job, visible_line

# The header has a "description" too: the new line's fields get ids of their own.
LINE_ADD_IDS = "id_new_line_%s"


class InvoiceListView(AccessControlMixin, TemplateView):
    """Invoices and credit notes, newest first, filtered by status, kind, dates and a search."""

    permission_required = "billing.view_invoice"
    template_name = "billing/invoices/invoice_list.html"

    def get_template_names(self):
        if self.request.htmx:
            return ["billing/invoices/_invoice_table.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        form = InvoiceFilterForm(self.request.GET or None)
        values = valid_values(form)
        if form.is_bound and form.errors:
            announce_ignored(self.request, form, instead="The list shows every invoice instead.")
        filters = selectors.InvoiceFilters(
            status=values.get("status", ""),
            kind=values.get("kind", ""),
            date_from=values.get("date_from"),
            date_to=values.get("date_to"),
            search=values.get("q", ""),
        )
        paginator = Paginator(selectors.invoice_list(user=self.request.user, filters=filters), LIST_PAGE_SIZE)
        page = paginator.get_page(PageForm(self.request.GET).number())
        query = self.request.GET.copy()
        query.pop("page", None)
        return {
            **super().get_context_data(**kwargs),
            "form": form,
            "page_obj": page,
            "invoices": page.object_list,
            "query": query.urlencode(),
        }


def detail_context(request, invoice, **forms) -> dict:
    user = request.user
    draft = invoice.status == InvoiceStatus.DRAFT
    can_edit = draft and user.has_perm("billing.change_invoice")
    lines = list(invoice.lines.all())
    context = {
        "invoice": invoice,
        "job": invoice.job,
        "lines": lines,
        "deliveries": list(invoice.deliveries.all()),
        "applications": list(invoice.payment_applications.all()),
        "credit_notes": list(invoice.credit_notes.all()),
        "problems": selectors.invoice_posting_problems(invoice) if draft else [],
        "can_edit": can_edit,
        "can_post": draft and user.has_perm("billing.post_invoice"),
        "can_send": not draft and user.has_perm("billing.send_invoice"),
        "can_credit": not draft and not invoice.is_credit_note and user.has_perm("billing.add_invoice"),
        "can_rerender": not draft and user.has_perm("billing.change_invoice"),
        "pdf_busy": invoice.pdf_status in (RenderStatus.QUEUED, RenderStatus.RUNNING),
    }
    if can_edit:
        context["header_form"] = forms.get("header_form") or InvoiceHeaderForm(
            credit_note=invoice.is_credit_note,
            initial={
                "invoice_date": invoice.invoice_date,
                "due_date": invoice.due_date,
                "description": invoice.description,
                "primary_employee": invoice.primary_employee_id,
                "tax_rate": invoice.tax_rate,
                "difference_explanation": invoice.difference_explanation,
                "reason": invoice.reason,
                "notes": invoice.notes,
            },
        )
        context["line_add_form"] = forms.get("line_add_form") or InvoiceLineAddForm(auto_id=LINE_ADD_IDS)
        failed_line = forms.get("line_pk")
        context["line_forms"] = [
            (
                line,
                forms["line_form"]
                if failed_line == line.pk
                else InvoiceLineEditForm(
                    prefix=f"line-{line.pk}",
                    initial={
                        "description": line.description,
                        "quantity": line.quantity,
                        "unit_price": line.unit_price,
                        "taxable": line.taxable,
                    },
                ),
            )
            for line in lines
        ]
    if context["can_credit"]:
        context["credit_form"] = forms.get("credit_form") or CreditNoteForm()
    return context


def render_detail(request, invoice, *, status: int = 200, **forms):
    return render(
        request, "billing/invoices/invoice_detail.html", detail_context(request, invoice, **forms), status=status
    )


def _reload(request, invoice):
    return selectors.invoice_get_visible(user=request.user, pk=invoice.pk)


def _form_error(form, refusal: DomainError) -> None:
    form.add_error(refusal.field if refusal.field in form.fields else None, refusal.message)


class InvoiceDetailView(AccessControlMixin, View):
    """One invoice or credit note: its lines and totals, what blocks its posting, its deliveries."""

    permission_required = "billing.view_invoice"
    get_object = visible_invoice

    def get(self, request, *args, **kwargs):
        return render_detail(request, self.object)


class InvoiceDraftView(AccessControlMixin, View):
    """ "Draft invoice" on the job: made from the job's records, or the draft there is."""

    permission_required = "billing.add_invoice"
    get_object = visible_job

    def post(self, request, *args, **kwargs):
        try:
            invoice, created = services.invoice_draft_from_job(job=self.object, by=request.user)
        except DomainError as refusal:
            messages.error(request, refusal.message)
            return redirect(self.object)
        if not created:
            messages.info(request, "This job already has a draft invoice: here it is.")
        return redirect(invoice)


class InvoiceHeaderView(AccessControlMixin, View):
    permission_required = "billing.change_invoice"
    get_object = visible_invoice

    def post(self, request, *args, **kwargs):
        invoice = self.object
        form = InvoiceHeaderForm(request.POST, credit_note=invoice.is_credit_note)
        if form.is_valid():
            try:
                services.invoice_update_header(invoice=invoice, by=request.user, **form.cleaned_data)
            except DomainError as refusal:
                _form_error(form, refusal)
            else:
                messages.success(request, "Saved.")
                return redirect(invoice)
        return render_detail(request, _reload(request, invoice), header_form=form)


class InvoiceLineAddView(AccessControlMixin, View):
    permission_required = "billing.change_invoice"
    get_object = visible_invoice

    def post(self, request, *args, **kwargs):
        invoice = self.object
        form = InvoiceLineAddForm(request.POST, auto_id=LINE_ADD_IDS)
        if form.is_valid():
            try:
                services.invoice_line_add(invoice=invoice, by=request.user, **form.cleaned_data)
            except DomainError as refusal:
                _form_error(form, refusal)
            else:
                return redirect(invoice.get_absolute_url() + "#lines")
        return render_detail(request, _reload(request, invoice), line_add_form=form)


class InvoiceLineEditView(AccessControlMixin, View):
    permission_required = "billing.change_invoice"
    get_object = visible_line

    def post(self, request, *args, **kwargs):
        line = self.object
        form = InvoiceLineEditForm(request.POST, prefix=f"line-{line.pk}")
        if form.is_valid():
            try:
                services.invoice_line_update(line=line, by=request.user, **form.cleaned_data)
            except DomainError as refusal:
                _form_error(form, refusal)
            else:
                return redirect(line.invoice.get_absolute_url() + "#lines")
        invoice = _reload(request, line.invoice)
        if invoice.status != InvoiceStatus.DRAFT:
            messages.error(request, "This invoice is posted: its lines can no longer be changed.")
            return redirect(invoice)
        return render_detail(request, invoice, line_form=form, line_pk=line.pk)


class InvoiceLineRemoveView(AccessControlMixin, View):
    permission_required = "billing.change_invoice"
    get_object = visible_line

    def post(self, request, *args, **kwargs):
        line = self.object
        try:
            services.invoice_line_remove(line=line, by=request.user)
        except DomainError as refusal:
            messages.error(request, refusal.message)
        return redirect(line.invoice.get_absolute_url() + "#lines")


class InvoicePostView(AccessControlMixin, View):
    """ "Post": the number, frozen for good, the job to Invoiced, the PDF on its way."""

    permission_required = "billing.post_invoice"
    get_object = visible_invoice

    def post(self, request, *args, **kwargs):
        try:
            invoice = services.invoice_post(invoice=self.object, by=request.user)
        except DomainError as refusal:
            messages.error(request, refusal.message)
            return redirect(self.object)
        messages.success(request, f"Posted as {invoice.number}. The PDF will be ready shortly.")
        return redirect(invoice)


class CreditNoteDraftView(AccessControlMixin, View):
    """ "Credit": a draft credit note with the invoice's lines, to trim before posting."""

    permission_required = "billing.add_invoice"
    get_object = visible_invoice

    def post(self, request, *args, **kwargs):
        invoice = self.object
        form = CreditNoteForm(request.POST)
        if form.is_valid():
            try:
                credit = services.credit_note_draft(
                    invoice=invoice, by=request.user, reason=form.cleaned_data["reason"]
                )
            except DomainError as refusal:
                _form_error(form, refusal)
            else:
                messages.success(request, "Credit note drafted: remove or change the lines not credited, then post it.")
                return redirect(credit)
        return render_detail(request, invoice, credit_form=form)


class InvoicePdfView(AccessControlMixin, View):
    permission_required = "billing.view_invoice"
    get_object = visible_invoice

    def get(self, request, *args, **kwargs):
        invoice = self.object
        if invoice.pdf_status != RenderStatus.DONE or not invoice.pdf:
            raise Http404("That PDF is not ready.")
        return stored_file_response(
            invoice.pdf,
            content_type="application/pdf",
            download_name=f"{invoice.number}.pdf",
            as_attachment=DownloadForm(request.GET).as_attachment(),
        )


class InvoicePdfRerenderView(AccessControlMixin, View):
    """ "Render again": a failed PDF is made anew."""

    permission_required = "billing.change_invoice"
    get_object = visible_invoice

    def post(self, request, *args, **kwargs):
        try:
            services.invoice_pdf_rerender(invoice=self.object, by=request.user)
        except DomainError as refusal:
            messages.error(request, refusal.message)
        else:
            messages.info(request, "The PDF will be ready shortly.")
        return redirect(self.object)
