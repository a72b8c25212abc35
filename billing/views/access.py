"""billing views' `get_object` loaders: through the visibility selectors, so an invoice of a job the
user may not see does not exist for them (404)."""

from billing.models import Payment
from jobs.models import Customer, Job
from jobs.selectors import job_list_visible_to

from .. import selectors
from ..models import MaintenanceAgreement, Rebate
from ..selectors import payments as payment_selectors
from ..selectors.agreements import agreement_get
from ..selectors.rebates import rebate_get_visible
from ..selectors.warranties import warranty_unit_get_visible


def visible_job(view) -> Job:
    return job_list_visible_to(view.request.user).select_related("customer").get(pk=view.kwargs["pk"])


def visible_invoice(view):
    return selectors.invoice_get_visible(user=view.request.user, pk=view.kwargs["pk"])


def visible_line(view):
    return selectors.invoice_line_get_visible(user=view.request.user, pk=view.kwargs["pk"])


def visible_change_order(view):
    return selectors.change_order_get_visible(user=view.request.user, pk=view.kwargs["pk"])


def visible_delivery(view):
    return selectors.delivery_get_visible(user=view.request.user, pk=view.kwargs["pk"])


def visible_customer(view) -> Customer:
    """The URL's customer, when the user may see one of their jobs."""
    return payment_selectors.customer_get_for_payment(user=view.request.user, pk=view.kwargs["pk"])


def visible_payment(view) -> Payment:
    return payment_selectors.payment_get_for_detail(user=view.request.user, pk=view.kwargs["pk"])


def visible_rebate(view) -> Rebate:
    return rebate_get_visible(user=view.request.user, pk=view.kwargs["pk"])


def visible_unit(view):
    return warranty_unit_get_visible(user=view.request.user, pk=view.kwargs["pk"])


def agreement_from_url(view) -> MaintenanceAgreement:
    """Agreements are the office's: whoever may view them sees every one."""
    return agreement_get(pk=view.kwargs["pk"])


def visible_customer_account(view):
    """The customer of the URL with their balance, if the user may see their money (else DoesNotExist)."""
    return selectors.customer_get_for_account(user=view.request.user, pk=view.kwargs["pk"])
