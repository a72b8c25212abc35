import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "installops.settings.local")
application = get_wsgi_application()

# What start-up loaded (settings, models, URL patterns, templates) lives as long as the process.
# Frozen, the garbage collector stops walking it on every full collection, which otherwise shows
# up as latency spikes on the largest pages (the week board).
gc.freeze()
