"""The billing views' `get_object`: installops.access.AccessControlMixin calls them and keeps `self.object`;
money is seen only on jobs the user may see, anything else does not exist for them (404)."""

from billing.models import Payment
from jobs.models import Customer, Job
from jobs.selectors import job_list_visible_to

from ..selectors import payments as payment_selectors


def visible_job(view) -> Job:
    """The URL's job, through the visibility rule."""
    return job_list_visible_to(view.request.user).select_related("customer", "site").get(pk=view.kwargs["pk"])


def visible_customer(view) -> Customer:
    """The URL's customer, when the user may see one of their jobs."""
    return payment_selectors.customer_get_for_payment(user=view.request.user, pk=view.kwargs["pk"])


def visible_payment(view) -> Payment:
    return payment_selectors.payment_get_for_detail(user=view.request.user, pk=view.kwargs["pk"])
