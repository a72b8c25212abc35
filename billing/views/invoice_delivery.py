"""Sending a posted invoice: email (or the print-and-mail queue), and the invoices to mail."""

from django.contrib import messages
from django.shortcuts import redirect
from django.views import View
from django.views.generic import TemplateView

from installops.access import AccessControlMixin
from installops.errors import DomainError

from .. import selectors, services
from ..choices import DeliveryMethod
from ..forms.invoices import DeliveriesMailedForm
from .access import visible_invoice

PRINT_PERMISSIONS = ("billing.send_invoice", "installops.add_printjob")


class InvoiceEmailView(AccessControlMixin, View):
    """ "Email": the PDF to the customer; without an email address, onto the print-and-mail queue."""

    permission_required = "billing.send_invoice"
    get_object = visible_invoice

    def post(self, request, *args, **kwargs):
        invoice = self.object
        try:
            delivery = services.invoice_email(invoice=invoice, by=request.user)
        except DomainError as refusal:
            messages.error(request, refusal.message)
        else:
            if delivery.method == DeliveryMethod.EMAIL:
                messages.success(request, f"{invoice.number} is on its way to {delivery.address}.")
            else:
                messages.info(
                    request, f"{invoice.customer.name} takes no email: {invoice.number} is on the print-and-mail queue."
                )
        return redirect(invoice)


class InvoiceMailView(AccessControlMixin, View):
    """ "Print and mail": onto the queue of invoices to mail."""

    permission_required = "billing.send_invoice"
    get_object = visible_invoice

    def post(self, request, *args, **kwargs):
        invoice = self.object
        try:
            services.invoice_mail(invoice=invoice, by=request.user)
        except DomainError as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(request, f"{invoice.number} is on the print-and-mail queue.")
        return redirect(invoice)


class InvoiceMailQueueView(AccessControlMixin, TemplateView):
    """Invoices to mail: oldest first, to print in one go and mark mailed."""

    permission_required = "billing.send_invoice"
    template_name = "billing/invoices/mail_queue.html"

    def get_context_data(self, **kwargs):
        deliveries, total = selectors.invoice_mail_queue()
        return {
            **super().get_context_data(**kwargs),
            "deliveries": deliveries,
            "total": total,
            "more": total - len(deliveries),
            "can_print": self.request.user.has_perms(PRINT_PERMISSIONS),
            "mailed_form": DeliveriesMailedForm(),
        }


class InvoiceMailQueuePrintView(AccessControlMixin, View):
    """ "Print all": the PDFs of the invoices on the page, oldest first, to the office's printer."""

    permission_required = PRINT_PERMISSIONS

    def post(self, request, *args, **kwargs):
        deliveries, total = selectors.invoice_mail_queue()
        print_jobs = services.invoice_deliveries_print(deliveries=deliveries, by=request.user)
        if print_jobs:
            messages.success(request, f"{len(print_jobs)} invoice(s) sent to the printer, oldest first.")
        else:
            messages.info(request, "Nothing to print: no PDF is ready yet.")
        if total > len(deliveries):
            messages.info(request, f"{total - len(deliveries)} more wait after these.")
        return redirect("billing:invoice_mail_queue")


class InvoiceMailQueueMailedView(AccessControlMixin, View):
    """ "Mark checked mailed": the invoices checked on the page went in the mail on one day."""

    permission_required = "billing.send_invoice"

    def post(self, request, *args, **kwargs):
        form = DeliveriesMailedForm(request.POST)
        if form.is_valid():
            try:
                count = services.invoice_deliveries_record_mailed(
                    deliveries=list(form.cleaned_data["deliveries"]),
                    by=request.user,
                    mailed_on=form.cleaned_data["mailed_on"],
                )
            except DomainError as refusal:
                messages.error(request, refusal.message)
            else:
                messages.success(request, f"{count} invoice(s) recorded as mailed.")
        else:
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
        return redirect("billing:invoice_mail_queue")
