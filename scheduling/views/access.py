"""The scheduling views' `get_object`: installops.access.AccessControlMixin calls them and keeps
`self.object`; what the user may not see does not exist for them (404)."""

from jobs.models import Job
from jobs.selectors import job_list_visible_to

from .. import selectors
from ..models import Visit


def visible_visit(view) -> Visit:
    """The URL's visit, through the visibility rule: another crew's visit is not found."""
    return selectors.visit_get_for_detail(user=view.request.user, pk=view.kwargs["pk"])


def visible_job(view) -> Job:
    """The URL's job, through the visibility rule."""
    return (
        job_list_visible_to(view.request.user)
        .select_related("customer", "site", "original_job")
        .get(pk=view.kwargs["job_pk"])
    )
