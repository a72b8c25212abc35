from django.shortcuts import redirect
from django.views import View

from installops.access import SIGNED_IN, AccessControlMixin

from .choices import FIELD_ROLES, EmployeeRole


class HomeView(AccessControlMixin, View):
    """Sends each person to the page they start their day on: the crew to their phone's "my day",
    coordinators to the dispatch board, everyone else to the job list."""

    # Only a redirect: the page it sends to checks the role.
    permission_required = SIGNED_IN

    def get(self, request):
        employee = getattr(request.user, "employee", None)
        if employee is not None and employee.role in FIELD_ROLES:
            return redirect("field:my_day")
        if employee is not None and employee.role == EmployeeRole.COORDINATOR:
            return redirect("scheduling:board")
        return redirect("jobs:job_list")
