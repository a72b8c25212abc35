"""Response headers every page carries besides the Content-Security-Policy (django-csp's middleware).

A signed-in page shows customers' names, addresses and prices: no browser or proxy cache may keep it
after sign-out. Static files (WhiteNoise answers them before this runs) and the public pages keep their
caching; a view that chose its own Cache-Control (the service worker script, a download) keeps it.
"""

from django.urls import reverse
from django.utils.cache import add_never_cache_headers

# Nothing in the app asks for these. The phone's photo field uses `<input type="file" capture>`, which
# hands over to the system camera app and is not governed by the `camera` permission, so that stays off.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "bluetooth",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
)


# The one exception to "no inline style": django-simple-history's admin history page has a `style`
# attribute in its template. Admin pages alone may keep style attributes (not <style> blocks, never
# scripts); read by django-csp's middleware, which runs after this one on the way out.
ADMIN_CSP_UPDATE = {"style-src-attr": ["'unsafe-inline'"]}


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path_info.startswith(reverse("admin:index")):
            response._csp_update = ADMIN_CSP_UPDATE  # noqa: SLF001 - what django-csp's @csp_update sets
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
            add_never_cache_headers(response)
        return response
