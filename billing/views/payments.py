"""The payment pages: the list, recording a payment for a customer, one payment (apply its credit, refund,
void, reconcile), and the job page's payments panel."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from installops.access import AccessControlMixin
from installops.errors import DomainError
from installops.forms import PageForm, announce_ignored, valid_values

from .. import services
from ..forms.payments import (
    ApplyCreditForm,
    CustomerFindForm,
    PaymentFilterForm,
    PaymentRecordForm,
    ReconcileForm,
    RefundForm,
    SuggestForm,
    VoidForm,
)
from ..money import dollars
from ..selectors import payments as selectors
from .access import visible_customer, visible_job, visible_payment

PAGE_SIZE = selectors.PAGE_SIZE


def _refuse(form, error: DomainError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


class PaymentListView(AccessControlMixin, TemplateView):
    """Payments and refunds, newest first, by date range and method."""

    permission_required = "billing.view_payment"
    template_name = "billing/payments/payment_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = PaymentFilterForm(self.request.GET or None)
        values = valid_values(form)
        if form.errors:
            announce_ignored(self.request, form, instead="The list shows every payment instead.")
            values = {} if form.non_field_errors() else values
        payments = selectors.payment_list(
            user=self.request.user,
            received_from=values.get("received_from"),
            received_to=values.get("received_to"),
            method=values.get("method") or "",
            kind=values.get("kind") or "",
        )
        context["filter_form"] = form
        context["page_obj"] = Paginator(payments, PAGE_SIZE).get_page(PageForm(self.request.GET).number())
        query = self.request.GET.copy()
        query.pop("page", None)
        context["query"] = query.urlencode()
        return context


class PaymentRecordStartView(AccessControlMixin, TemplateView):
    """Record a payment, first step: find the customer who paid."""

    permission_required = "billing.add_payment"
    template_name = "billing/payments/payment_find_customer.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = CustomerFindForm(self.request.GET or None)
        text = valid_values(form).get("q") or ""
        context["form"] = form
        context["customers"] = selectors.customer_search(user=self.request.user, text=text)
        context["searched"] = bool(text.strip())
        return context


class PaymentRecordView(AccessControlMixin, View):
    """Record a payment from a customer: their open invoices listed oldest first, with the amount to apply
    to each proposed from the payment's amount; what is not applied stays their credit."""

    permission_required = "billing.add_payment"
    get_object = visible_customer
    template_name = "billing/payments/payment_record.html"

    def get(self, request, *args, **kwargs):
        open_invoices = selectors.customer_open_invoices(customer=self.object)
        suggest = SuggestForm(request.GET or None)
        values = valid_values(suggest)
        amount = values.get("amount")
        chosen = next((invoice for invoice in open_invoices if invoice.pk == values.get("invoice")), None)
        if chosen is not None:
            # From an invoice's page: that invoice first, then the others oldest first.
            open_invoices = [chosen, *(invoice for invoice in open_invoices if invoice is not chosen)]
            amount = amount or chosen.open_amount
        initial = {"amount": amount} if amount else {}
        suggested = selectors.suggest_applications(amount=amount, open_invoices=open_invoices) if amount else None
        form = PaymentRecordForm(open_invoices=open_invoices, suggested=suggested)
        form.initial.update(initial)
        return self._render(form, chosen=chosen)

    def post(self, request, *args, **kwargs):
        customer = self.object
        form = PaymentRecordForm(request.POST, open_invoices=selectors.customer_open_invoices(customer=customer))
        if form.is_valid():
            data = form.cleaned_data
            try:
                payment = services.payment_record(
                    customer=customer,
                    method=data["method"],
                    reference=data["reference"],
                    received_on=data["received_on"],
                    amount=data["amount"],
                    applications=form.applications(),
                    note=data["note"],
                    by=request.user,
                )
            except DomainError as error:
                _refuse(form, error)
            else:
                messages.success(request, f"{dollars(payment.amount)} recorded from {customer.name}.")
                return redirect("billing:payment_detail", payment.pk)
        return self._render(form, status=400)

    def _render(self, form, *, status=200, chosen=None):
        context = {
            "chosen_invoice": chosen,
            "customer": self.object,
            "form": form,
            "credits": selectors.customer_credits(customer=self.object),
        }
        return render(self.request, self.template_name, context, status=status)


def _detail_context(request, payment, **bound) -> dict:
    """The payment page: what it paid, its refunds, and the forms of what this user may do with it."""
    user = request.user
    live = payment.voided_at is None
    is_payment = payment.kind == "payment"
    open_invoices = selectors.customer_open_invoices(customer=payment.customer) if live and is_payment else []
    context = {"payment": payment, "customer": payment.customer}
    if live and is_payment and payment.credit > 0 and user.has_perm("billing.change_payment") and open_invoices:
        context["apply_form"] = bound.get("apply") or ApplyCreditForm(
            open_invoices=open_invoices, initial={"amount": min(payment.credit, open_invoices[0].open_amount)}
        )
    if live and is_payment and payment.credit > 0 and user.has_perm("billing.add_payment"):
        context["refund_form"] = bound.get("refund") or RefundForm(initial={"amount": payment.credit})
    funded = hasattr(payment, "funding")
    if live and payment.reconciled_at is None and not funded and user.has_perm("billing.void_payment"):
        context["void_form"] = bound.get("void") or VoidForm()
    if live and payment.reconciled_at is None and not funded and user.has_perm("billing.change_payment"):
        context["reconcile_form"] = ReconcileForm()
    return context


class PaymentDetailView(AccessControlMixin, View):
    permission_required = "billing.view_payment"
    get_object = visible_payment

    def get(self, request, *args, **kwargs):
        return render(request, "billing/payments/payment_detail.html", _detail_context(request, self.object))


class PaymentActionView(AccessControlMixin, View):
    """One action on a payment (the subclass's form and service); a refusal redisplays the payment page
    with the form as it was filled in."""

    get_object = visible_payment
    http_method_names = ["post"]
    action = ""
    form_class: type = ReconcileForm

    def make_form(self, request):
        return self.form_class(request.POST)

    def post(self, request, *args, **kwargs):
        payment = self.object
        form = self.make_form(request)
        if form.is_valid():
            try:
                done = self.act(payment=payment, data=form.cleaned_data, by=request.user)
            except DomainError as error:
                _refuse(form, error)
            else:
                messages.success(request, done)
                return redirect("billing:payment_detail", payment.pk)
        context = _detail_context(request, payment, **{self.action: form})
        context["failed"] = self.action
        # A form the page shows carries its own errors; otherwise (the reconcile button, or an action no
        # longer offered because someone else acted first) the page says why at the top.
        if self.action == "reconcile" or f"{self.action}_form" not in context:
            context["refusal"] = " ".join(str(message) for errors in form.errors.values() for message in errors)
        return render(request, "billing/payments/payment_detail.html", context, status=400)

    def act(self, *, payment, data, by) -> str:
        raise NotImplementedError


class PaymentApplyCreditView(PaymentActionView):
    permission_required = "billing.change_payment"
    action, form_class = "apply", ApplyCreditForm

    def make_form(self, request):
        open_invoices = selectors.customer_open_invoices(customer=self.object.customer)
        return ApplyCreditForm(request.POST, open_invoices=open_invoices)

    def act(self, *, payment, data, by) -> str:
        services.payment_apply_credit(payment=payment, invoice=data["invoice"], amount=data["amount"], by=by)
        return f"{dollars(data['amount'])} of credit applied to {data['invoice'].number}."


class PaymentRefundView(PaymentActionView):
    permission_required = "billing.add_payment"
    action, form_class = "refund", RefundForm

    def act(self, *, payment, data, by) -> str:
        refund = services.refund_record(
            payment=payment,
            method=data["method"],
            reference=data["reference"],
            refunded_on=data["refunded_on"],
            amount=data["amount"],
            reason=data["reason"],
            by=by,
        )
        return f"Refund of {dollars(refund.amount)} recorded."


class PaymentVoidView(PaymentActionView):
    permission_required = "billing.void_payment"
    action, form_class = "void", VoidForm

    def act(self, *, payment, data, by) -> str:
        services.payment_void(payment=payment, reason=data["reason"], by=by)
        reopened = selectors.closed_job_invoices_open(payment=payment)
        for invoice in reopened:
            messages.warning(
                self.request,
                f"Job {invoice.job.number} is closed, and its invoice {invoice.number} has "
                f"{dollars(invoice.open_amount)} open again.",
            )
        return "Payment voided: it no longer counts."


class PaymentReconcileView(PaymentActionView):
    permission_required = "billing.change_payment"
    action, form_class = "reconcile", ReconcileForm

    def act(self, *, payment, data, by) -> str:
        services.payment_reconcile(payment=payment, by=by)
        return "Payment reconciled with the bank."


class JobPaymentsPanelView(AccessControlMixin, View):
    """The job page's payments: its posted invoices, what is open, the payments applied, the balance."""

    permission_required = "billing.view_payment"
    get_object = visible_job

    def get(self, request, *args, **kwargs):
        job = self.object
        context = {
            "job": job,
            "panel": selectors.job_payments(job=job),
            "record_url": reverse("billing:payment_record", args=[job.customer_id]),
        }
        return render(request, "billing/payments/_job_payments_panel.html", context)
