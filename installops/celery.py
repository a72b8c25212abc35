"""The Celery app: configured from Django settings (CELERY_ namespace), tasks found in each app."""

import os

from celery import Celery

# Workers and beat are production processes: without DJANGO_SETTINGS_MODULE they load the production
# settings, which stop at once, in one line, on a missing variable. bin/demo and the tests set it.
# (Every `import installops` runs this first, so it is the web processes' default too.)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "installops.settings.production")

app = Celery("installops")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
