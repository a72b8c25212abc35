"""The field views' `get_object`: installops.access.AccessControlMixin calls them and keeps `self.object`;
what the user may not see does not exist for them (404)."""

from django.http import Http404

from jobs import selectors as job_selectors
from jobs.models import Job
from scheduling.models import Visit

from .. import selectors
from ..choices import FolderAudience
from ..models import JobFolderRender


def visible_visit(view) -> Visit:
    """The URL's visit, through the crew rule: another crew's visit is not found."""
    return selectors.visit_get_for_field(user=view.request.user, pk=view.kwargs["pk"])


def visible_job(view) -> Job:
    return job_selectors.job_list_visible_to(view.request.user).get(pk=view.kwargs["pk"])


def visible_render(view) -> JobFolderRender:
    """A folder PDF of a job the user may see; the office folder only for those who see office files."""
    render_record = JobFolderRender.objects.select_related("job").get(
        pk=view.kwargs["render_pk"], job__in=job_selectors.job_list_visible_to(view.request.user)
    )
    if render_record.audience == FolderAudience.OFFICE and not job_selectors.user_sees_office_folder(view.request.user):
        raise Http404("No such folder.")
    return render_record
