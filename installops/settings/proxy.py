"""Where a request came from when the app runs behind reverse proxies (production)."""

from django.conf import settings


def client_ip_address(request):
    """The client's address as the outermost trusted proxy saw it.

    Each proxy appends the address it was connected from to X-Forwarded-For, so with N trusted proxies
    the client is the N-th entry from the right; anything further left was sent by the client and is
    not to be believed. With no proxy (or no header) it is the connection's own address.
    """
    count = settings.TRUSTED_PROXY_COUNT
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if count > 0 and len(forwarded) >= count:
        return forwarded[-count]
    return request.META.get("REMOTE_ADDR")
