import os
import sys

from django.core.asgi import get_asgi_application

from installops.settings.environment import ConfigurationExit

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "installops.settings.production")
try:
    application = get_asgi_application()
except ConfigurationExit as exc:
    # As in wsgi.py: one line, and an exit status that stops gunicorn (or uvicorn) from retrying.
    print(exc.code, file=sys.stderr, flush=True)
    raise SystemExit(4) from None
