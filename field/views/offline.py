"""The phone view offline: the service worker script."""

from pathlib import Path

from django.http import HttpResponse
from django.views import View

from installops.access import AccessControlMixin


class ServiceWorkerView(AccessControlMixin, View):
    """The offline cache for the phone view, served from /field/ so it may control every /field/ page.

    Public: a browser fetches and updates a service worker script by itself, without the session; it
    holds no data (the pages it caches are fetched signed in).
    """

    public = True

    def get(self, request):
        script = (Path(__file__).parent.parent / "static" / "field" / "sw.js").read_text()
        response = HttpResponse(script, content_type="application/javascript")
        response["Cache-Control"] = "no-cache"
        response["Service-Worker-Allowed"] = "/field/"
        return response
