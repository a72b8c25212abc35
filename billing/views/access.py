"""billing's `get_object` loaders: through the visibility selectors, so what a user may not see is a 404."""

from jobs.models import Job
from jobs.selectors import job_list_visible_to

from ..models import MaintenanceAgreement, Rebate
from ..selectors.agreements import agreement_get
from ..selectors.rebates import rebate_get_visible
from ..selectors.warranties import warranty_unit_get_visible


def visible_job(view) -> Job:
    return job_list_visible_to(view.request.user).select_related("customer", "site").get(pk=view.kwargs["pk"])


def visible_rebate(view) -> Rebate:
    return rebate_get_visible(user=view.request.user, pk=view.kwargs["pk"])


def visible_unit(view):
    return warranty_unit_get_visible(user=view.request.user, pk=view.kwargs["pk"])


def agreement_from_url(view) -> MaintenanceAgreement:
    """Agreements are the office's: whoever may view them sees every one."""
    return agreement_get(pk=view.kwargs["pk"])
