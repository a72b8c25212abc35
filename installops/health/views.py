"""The load balancer's probe and the office's status page."""

from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers
from django.views.generic import TemplateView, View

from installops.access import AccessControlMixin
from installops.clock import company_now
from installops.health.runner import health_checks_run, probe_checks, status_checks
from installops.selectors import daily_task_status


class HealthView(AccessControlMixin, View):
    """Public, for the load balancer: 200 "ok" or 503 "unavailable", nothing else (no check names,
    no reasons) so an anonymous caller learns nothing about the deployment."""

    public = True

    def get(self, request, *args, **kwargs):
        healthy = not any(result.error for result in health_checks_run(probe_checks()))
        response = HttpResponse(
            "ok\n" if healthy else "unavailable\n", status=200 if healthy else 503, content_type="text/plain"
        )
        add_never_cache_headers(response)
        return response


class SystemStatusView(AccessControlMixin, TemplateView):
    permission_required = "installops.view_system_status"
    template_name = "installops/system_status.html"

    def get_context_data(self, **kwargs):
        results = health_checks_run(status_checks())
        return {
            **super().get_context_data(**kwargs),
            "results": results,
            "healthy": not any(result.error for result in results),
            "checked_at": company_now(),
            "daily_tasks": daily_task_status(),
        }

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        add_never_cache_headers(response)
        return response
