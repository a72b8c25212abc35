"""Running the app on one machine: debug on, eager Celery unless a broker is given."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY", default="local-only-not-secret-8d1f4e2a7b9c")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["*"])
# The demo company builder (`manage.py seed_demo`); production never installs it.
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]  # noqa: F405

# Without a broker the quick start runs tasks in-process, so nothing else needs to be running.
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default="CELERY_BROKER_URL" not in env)
STORAGES = {
    "default": STORAGES["default"],  # noqa: F405 - local disk unless MEDIA_STORAGE says otherwise
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
