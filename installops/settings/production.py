"""Production: every secret comes from the environment and has no default.

The web process runs behind a reverse proxy that terminates TLS, passes the Host header, sets
X-Forwarded-Proto and appends the client's address to X-Forwarded-For (see README, Production).
"""

from urllib.parse import urlsplit

from .environment import ConfigurationExit, require

# Checked first, all at once, before `base` parses them (with local defaults, which production must
# never run on). SITE_URL is in the links customers and crews get by text and email.
require("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "CELERY_BROKER_URL", "SITE_URL")

from .base import *  # noqa: E402, F403
from .base import env  # noqa: E402

DEBUG = False
# SECRET_KEY, ALLOWED_HOSTS, DATABASES and CELERY_BROKER_URL are read by `base` from the variables above.

SITE_URL = env("SITE_URL").strip().rstrip("/")
_site = urlsplit(SITE_URL)
if _site.scheme not in ("http", "https") or not _site.netloc:
    raise ConfigurationExit(f"SITE_URL must be an absolute address like https://office.example.com, not {SITE_URL!r}")

# Static files: `manage.py collectstatic` writes them to STATIC_ROOT (base: STATIC_ROOT, default
# ./staticfiles) with hashed names, and WhiteNoise serves them from the web process.

# HTTPS. The proxy says a request came over TLS with X-Forwarded-Proto: https (it must set or strip
# that header on every request). Plain-HTTP requests are redirected, unless the proxy does that itself.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# The load balancer's probe may come over plain HTTP, straight to gunicorn (docs/deploy.md, Health checks).
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
# Forms posted from the public address are accepted even when the proxy rewrites the Host header.
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[f"{_site.scheme}://{_site.netloc}"])

# Sign-in lockouts (django-axes) count failures per username and client address. Behind the proxy
# every connection comes from the proxy, which would lock a user out for everyone; the client's own
# address is taken from X-Forwarded-For, trusting that many proxies (0 when clients connect directly).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=1)
AXES_CLIENT_IP_CALLABLE = "installops.settings.proxy.client_ip_address"
