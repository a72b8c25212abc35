"""The installer's start page: today's and tomorrow's visits of their crew."""

from django.utils import timezone
from django.views.generic import TemplateView

from installops.access import AccessControlMixin
from installops.clock import company_date, company_today

from .. import selectors


class MyDayView(AccessControlMixin, TemplateView):
    """Today's and tomorrow's visits of the installer's crew, in order."""

    permission_required = "scheduling.view_visit"
    template_name = "field/my_day.html"

    def get_context_data(self, **kwargs):
        today = company_today()
        visits = list(selectors.visit_list_my_day(user=self.request.user, today=today))
        days = [
            (today, "Today", [visit for visit in visits if company_date(visit.starts_at) <= today]),
            (
                today + timezone.timedelta(days=1),
                "Tomorrow",
                [visit for visit in visits if company_date(visit.starts_at) > today],
            ),
        ]
        return super().get_context_data(days=days, visits=visits, **kwargs)
