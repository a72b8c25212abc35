"""Closing out a visit: times, the checklist and the crew's hours (timecards)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils import timezone
from django.views.generic import TemplateView

from installops.access import AccessControlMixin
from installops.errors import DomainError

from .. import services
from ..choices import VisitStatus
from ..forms import VisitCloseoutForm
from .access import visible_visit
from .errors import form_error


class VisitCloseoutView(AccessControlMixin, TemplateView):
    # Close-out records the crew's hours as timecards (entered, or corrected on a second pass).
    permission_required = ("scheduling.close_out_visit", "scheduling.add_timecard", "scheduling.change_timecard")
    object_permission_required = "scheduling.close_out"
    get_object = visible_visit
    template_name = "scheduling/visit_closeout.html"

    def get_form(self, data=None):
        visit = self.object
        initial = {
            "on_site_at": timezone.localtime(visit.on_site_at) if visit.on_site_at else None,
            "completed_at": timezone.localtime(visit.completed_at) if visit.completed_at else None,
            "actual_lead": visit.actual_lead_id or (visit.crew.lead_id if visit.crew_id else visit.technician_id),
            "checklist": list(visit.checklist_ticks.values_list("item_id", flat=True)),
        }
        return VisitCloseoutForm(data, visit=visit, initial=initial)

    def get_context_data(self, form=None, missing=None, **kwargs):
        context = super().get_context_data(**kwargs)
        visit = self.object
        context.update(
            visit=visit,
            form=form or self.get_form(),
            missing=missing if missing is not None else services.closeout.visit_closeout_missing(visit=visit),
        )
        return context

    def post(self, request, pk):
        visit = self.object
        form = self.get_form(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                visit, missing = services.visit_record_closeout(
                    visit=visit, by=request.user, on_site_at=data["on_site_at"], completed_at=data["completed_at"],
                    ticked_item_ids=[item.pk for item in data["checklist"]],
                    hours_by_employee=form.hours_by_employee(), actual_lead=data["actual_lead"],
                    close=data["close"],
                )  # fmt: skip
            except DomainError as error:
                form_error(form, error)
            else:
                if visit.status == VisitStatus.CLOSED_OUT:
                    messages.success(request, f"{visit.job.number} closed out.")
                    return redirect("scheduling:visit_detail", pk=visit.pk)
                if data["close"]:
                    messages.warning(request, "Saved, but it cannot be closed out yet: see what is missing.")
                else:
                    messages.success(request, "Close-out entries saved.")
                return redirect("scheduling:visit_closeout", pk=visit.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)
