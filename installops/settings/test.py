"""The test suite: real PostgreSQL, eager Celery unless a test starts its own worker."""

import warnings

from .base import *  # noqa: F403
from .base import env

SECRET_KEY = "test-only-not-secret"  # noqa: S105 - the test settings only
DEBUG = False
ALLOWED_HOSTS = ["*"]
# The demo company builder (`manage.py seed_demo`); production never installs it.
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]  # noqa: F405
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Eager in the suite; a worker started by a test turns it off (its retries go through the broker).
CELERY_TASK_ALWAYS_EAGER = not env.bool("TEST_WORKER_NOT_EAGER", default=False)
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="redis://127.0.0.1:6379/15")
# A test's worker listens on a queue of its own; what its tasks queue in turn goes there too.
CELERY_TASK_DEFAULT_QUEUE = env("CELERY_TASK_DEFAULT_QUEUE", default="celery")
# A worker run inside the test process must not keep its database connection past the test.
CELERY_DB_REUSE_MAX = None
# A test that starts a real worker passes file backends through the environment to that worker.
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.locmem.EmailBackend")
EMAIL_FILE_PATH = env("EMAIL_FILE_PATH", default="")
SMS_BACKEND = env("SMS_BACKEND", default="notifications.sms.locmem.SmsBackend")
SITE_URL = "http://testserver"
# Tests serve static files through Django itself; no collectstatic run is needed.
MIDDLEWARE = [m for m in MIDDLEWARE if not m.startswith("whitenoise")]  # noqa: F405
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
AXES_ENABLED = env.bool("AXES_ENABLED", default=False)
LOGGING["root"]["level"] = "WARNING"  # noqa: F405

# What Django deprecates now breaks in the next major version: fail the suite on it today.
warnings.filterwarnings("error", category=DeprecationWarning, module=r"django\..*")
warnings.filterwarnings("error", category=PendingDeprecationWarning, module=r"django\..*")
PRINT_BACKEND = env("PRINT_BACKEND", default="installops.printing.backends.LocmemPrintBackend")
