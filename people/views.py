from django.conf import settings
from django.shortcuts import redirect
from django.views import View

from installops.access import SIGNED_IN, AccessControlMixin


class HomeView(AccessControlMixin, View):
    """Sends each person to the page they start their day on (`START_PAGE_BY_ROLE`): the crew to
    their phone's "my day", coordinators to the dispatch board, everyone else to the job list."""

    # Only a redirect: the page it sends to checks the role.
    permission_required = SIGNED_IN

    def get(self, request):
        employee = getattr(request.user, "employee", None)
        role = employee.role if employee is not None else None
        return redirect(settings.START_PAGE_BY_ROLE.get(role, settings.START_PAGE_DEFAULT))
