"""The office's list of inspection requests from the field, and marking one handled."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.views import View
from django.views.generic import ListView

from installops.access import AccessControlMixin
from installops.forms import NextForm
from jobs import selectors as job_selectors

from .. import selectors, services
from ..forms import InspectionHandledForm
from ..models import InspectionRequest


class InspectionRequestListView(AccessControlMixin, ListView):
    """What crews asked for from the site: the office books the inspections and marks them handled."""

    permission_required = "field.change_inspectionrequest"
    template_name = "field/inspection_request_list.html"
    context_object_name = "inspection_requests"
    paginate_by = 50

    def get_queryset(self):
        return selectors.inspection_request_list_open()


class InspectionRequestHandledView(AccessControlMixin, View):
    permission_required = "field.change_inspectionrequest"

    def get_object(self) -> InspectionRequest:
        jobs = job_selectors.job_list_visible_to(self.request.user)
        return InspectionRequest.objects.get(pk=self.kwargs["pk"], job__in=jobs)

    def post(self, request, pk: int):
        inspection_request = self.object
        form = InspectionHandledForm(request.POST)
        if form.is_valid():
            services.inspection_request_mark_handled(
                inspection_request=inspection_request, by=request.user, note=form.cleaned_data["note"]
            )
            messages.success(request, f"{inspection_request} marked handled.")
        else:
            errors = " ".join(str(error) for errors in form.errors.values() for error in errors)
            messages.error(request, f"{inspection_request} not marked handled: {errors}")
        return redirect(NextForm(request.POST).path() or reverse("field:inspection_request_list"))
