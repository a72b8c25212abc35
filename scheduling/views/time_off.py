"""Time off of crews and employees: the upcoming list, and recording more."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils import timezone
from django.views.generic import TemplateView

from installops.access import AccessControlMixin
from installops.errors import DomainError

from .. import services
from ..forms import TimeOffForm
from ..models import TimeOff
from .errors import form_error


class TimeOffView(AccessControlMixin, TemplateView):
    # The page lists the upcoming time off and records more.
    permission_required = ("scheduling.view_timeoff", "scheduling.add_timeoff")
    template_name = "scheduling/time_off.html"

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = form or TimeOffForm()
        context["upcoming"] = (
            TimeOff.objects.filter(ends_at__gte=timezone.now())
            .select_related("crew", "employee__user")
            .order_by("starts_at")[:100]
        )
        return context

    def post(self, request):
        form = TimeOffForm(request.POST)
        if form.is_valid():
            starts_at, ends_at = form.span()
            try:
                services.time_off_create(
                    crew=form.cleaned_data["crew"], employee=form.cleaned_data["employee"], starts_at=starts_at,
                    ends_at=ends_at, reason=form.cleaned_data["reason"], by=request.user,
                )  # fmt: skip
            except DomainError as error:
                form_error(form, error)
            else:
                messages.success(request, "Time off recorded.")
                return redirect("scheduling:time_off")
        return self.render_to_response(self.get_context_data(form=form), status=400)
