from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.views import View

from scheduling.choices import FIELD_ROLES


class HomeView(LoginRequiredMixin, View):
    """Sends each person to the page they start their day on: the crew to their phone's "my day"."""

    def get(self, request):
        employee = getattr(request.user, "employee", None)
        if employee is not None and employee.role in FIELD_ROLES:
            return redirect("field:my_day")
        return redirect("jobs:job_list")
