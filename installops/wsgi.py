"""The web process (`gunicorn installops.wsgi`). Loads the production settings unless told otherwise."""

import gc
import os
import sys

from django.core.wsgi import get_wsgi_application

from installops.settings.environment import ConfigurationExit

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "installops.settings.production")
try:
    application = get_wsgi_application()
except ConfigurationExit as exc:
    # gunicorn loads the app in each worker and starts a new worker whenever one exits; exit status 4
    # ("App failed to load") makes the master stop instead. The message stays one line, no traceback.
    print(exc.code, file=sys.stderr, flush=True)
    raise SystemExit(4) from None

# What start-up loaded (settings, models, URL patterns, templates) lives as long as the process.
# Frozen, the garbage collector stops walking it on every full collection, which otherwise shows
# up as latency spikes on the largest pages (the week board).
gc.freeze()
