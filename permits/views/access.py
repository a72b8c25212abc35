"""The permits views' `get_object`: installops.access.AccessControlMixin calls them and keeps
`self.object`; what the user may not see does not exist for them (404)."""

from jobs.models import Job
from jobs.selectors import job_list_visible_to

from .. import selectors
from ..models import Jurisdiction


def visible_job(view) -> Job:
    """The URL's job, through the visibility rule."""
    return job_list_visible_to(view.request.user).select_related("customer", "site").get(pk=view.kwargs["pk"])


def jurisdiction_from_url(view) -> Jurisdiction:
    """The URL's building department (the office sees every one)."""
    return selectors.jurisdiction_get(pk=view.kwargs["pk"])
