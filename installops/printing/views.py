"""The printing page: the office's recent print jobs and how each went."""

from django.views.generic import TemplateView

from installops.access import AccessControlMixin

from .selectors import print_job_list_recent


class PrintJobListView(AccessControlMixin, TemplateView):
    permission_required = "installops.view_printjob"
    template_name = "installops/print_job_list.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "print_jobs": list(print_job_list_recent())}
