"""Settings shared by every environment. Values that differ per machine come from the environment."""

import datetime
import decimal
from pathlib import Path
from typing import Any

import environ

from .storage import media_storage

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("SECRET_KEY", default="")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_htmx",
    "django_celery_beat",
    "simple_history",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    "csp",
    # The project's shared base, then the apps in dependency order: each imports only those above it here.
    "installops",
    "people",
    "jobs",
    "permits",
    "scheduling",
    "billing",
    "field",
    "notifications",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "installops.security_headers.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, so that lockouts see the authenticated user.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "installops.urls"
WSGI_APPLICATION = "installops.wsgi.application"
ASGI_APPLICATION = "installops.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "installops.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/installops")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
# Where each role starts its day (the home page redirects there). The settings are the one place that
# names pages of every app; the people app, below them all, only reads this.
START_PAGE_BY_ROLE = {
    "installer": "field:my_day",
    "lead_installer": "field:my_day",
    "tech": "field:my_day",
    "coordinator": "scheduling:board",
    "install_admin": "permits:follow_up",
}
START_PAGE_DEFAULT = "jobs:job_list"

# Brute-force protection on the sign-in form: five failures lock that username from that address for an hour.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Axes' own lockout answer is a bare line of text; the app's page says how long and what to do.
AXES_LOCKOUT_CALLABLE = "installops.signin.lockout_response"
# A password spray (one username, many addresses): this many failures within the cool-off, from all addresses
# together, pause that username's sign-ins except from addresses it signed in from lately (installops/signin.py).
SIGNIN_USERNAME_FAILURE_LIMIT = env.int("SIGNIN_USERNAME_FAILURE_LIMIT", default=20)
SIGNIN_KNOWN_ADDRESS_DAYS = 60

LANGUAGE_CODE = "en-us"
# The company's own zone: the calendar, the daily sweeps and every date shown are in it.
TIME_ZONE = env("TIME_ZONE", default="America/Los_Angeles")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")  # written by collectstatic
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": media_storage(env),  # local disk, or an S3-compatible bucket (installops/settings/storage.py)
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="InstallOps <office@installops.example>")
COMPANY_NAME = env("COMPANY_NAME", default="Valley Comfort Heating & Air")

# Celery: configured from here with the CELERY_ namespace (see installops/celery.py).
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="redis://127.0.0.1:6379/0")
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=None)
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_ENABLE_UTC = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
# A task is acknowledged after it ran, and re-queued if its worker dies mid-way.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = 120
CELERY_TASK_TIME_LIMIT = 180
# Must stay above the longest task so Redis does not hand an unacknowledged task to a second worker.
# A request publishing to a dead broker fails within about two seconds (the relay queues it later).
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600, "socket_connect_timeout": 1}
CELERY_BROKER_CONNECTION_TIMEOUT = 1
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2}
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# Celery's Django fixup closes the database connection around every task unless told to reuse it;
# reconnecting cost more than the work of a short task. Still recycled every 2 × this many tasks.
CELERY_DB_REUSE_MAX = env.int("CELERY_DB_REUSE_MAX", default=100)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True

# Customer and crew messages (notifications app). Times are "HH:MM" in the company's zone; the beat
# schedule is written from them by `manage.py sync_beat_schedule` (run it after changing them).
SITE_URL = env("SITE_URL", default="http://localhost:8000")  # links in texts and emails are absolute
COMPANY_PHONE = env("COMPANY_PHONE", default="(559) 555-0100")
NOTIFICATIONS_CONFIRMATIONS_AT = env("NOTIFICATIONS_CONFIRMATIONS_AT", default="10:00")
NOTIFICATIONS_CONFIRM_BY = env("NOTIFICATIONS_CONFIRM_BY", default="15:00")  # then the call list
NOTIFICATIONS_PAGE_OUT_AT = env("NOTIFICATIONS_PAGE_OUT_AT", default="17:00")
NOTIFICATIONS_PAGE_ACK_BY = env("NOTIFICATIONS_PAGE_ACK_BY", default="20:00")  # then the coordinator is told
NOTIFICATIONS_LINK_MAX_AGE_DAYS = env.int("NOTIFICATIONS_LINK_MAX_AGE_DAYS", default=3)
NOTIFICATIONS_SEND_MAX_RETRIES = env.int("NOTIFICATIONS_SEND_MAX_RETRIES", default=5)
# A message "sending" for longer than this lost its worker (above the send task's time limit, below
# visibility_timeout); the relay then settles it. Also how long a queued message may wait for its task.
NOTIFICATIONS_SENDING_LEASE_SECONDS = env.int("NOTIFICATIONS_SENDING_LEASE_SECONDS", default=120)
SMS_BACKEND = env("SMS_BACKEND", default="notifications.sms.console.SmsBackend")
SMS_FILE_PATH = env("SMS_FILE_PATH", default=str(BASE_DIR / ".data" / "sms.jsonl"))
TWILIO_ACCOUNT_SID = env("TWILIO_ACCOUNT_SID", default="")
TWILIO_AUTH_TOKEN = env("TWILIO_AUTH_TOKEN", default="")
TWILIO_FROM_NUMBER = env("TWILIO_FROM_NUMBER", default="")
TWILIO_MESSAGING_SERVICE_SID = env("TWILIO_MESSAGING_SERVICE_SID", default="")
TWILIO_API_BASE = env("TWILIO_API_BASE", default="https://api.twilio.com")

LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # WeasyPrint reports every layout step at INFO; only its problems belong in the log.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Content-Security-Policy (django-csp): scripts, styles and everything else from our own origin only, no
# inline script or style and no eval (templates keep styling in static/css, behaviour in static/js). No
# report-uri: violations show in the browser's console, and nothing is sent anywhere. `data:` images are
# Bootstrap's SVG icons inside its CSS; the phone's signature pad draws on a canvas.
CONTENT_SECURITY_POLICY: dict[str, Any] = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "worker-src": ["'self'"],
        "manifest-src": ["'self'"],
        "object-src": ["'none'"],
        "frame-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    },
}

# Job folders: what an upload may be, and how photos are kept (see jobs/uploads.py).
JOB_FILE_MAX_BYTES = env.int("JOB_FILE_MAX_BYTES", default=25 * 1024 * 1024)
JOB_PHOTO_MAX_PIXELS = env.int("JOB_PHOTO_MAX_PIXELS", default=60_000_000)
JOB_PHOTO_MAX_EDGE = 1600
JOB_THUMBNAIL_EDGE = 320
# Request bodies may carry a photo or a PDF up to the limit above; Django spools big ones to disk.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Job-folder PDFs render on their own queue, on a worker with low concurrency that is recycled
# when it grows (see docs/architecture.md: `celery -A installops worker -Q pdf ...`).
CELERY_TASK_ROUTES = {
    "field.tasks.job_folder_render_task": {"queue": "pdf"},
    "permits.tasks.permit_packet_render_task": {"queue": "pdf"},
    "billing.tasks.invoice_pdf_render_task": {"queue": "pdf"},
}
# Tomorrow's field folders are rendered before the evening page-out links to them.
FIELD_FOLDERS_RENDER_AT = env("FIELD_FOLDERS_RENDER_AT", default="16:15")

# A folder render "rendering" for longer than this lost its worker (above the render task's time limit).
FIELD_RENDER_LEASE_SECONDS = env.int("FIELD_RENDER_LEASE_SECONDS", default=180)

# Beat's daily tasks: name → (task, the setting holding its "HH:MM" in the company's zone). Written into
# beat's database schedule by `manage.py sync_beat_schedule` (installops/beat.py), never by a migration.
BEAT_DAILY_TASKS = {
    "Tomorrow's job folders": ("field.tasks.job_folder_render_for_day_task", "FIELD_FOLDERS_RENDER_AT"),
    "Day-before confirmations": ("notifications.tasks.confirmation_sweep_task", "NOTIFICATIONS_CONFIRMATIONS_AT"),
    "Evening page-out": ("notifications.tasks.page_out_sweep_task", "NOTIFICATIONS_PAGE_OUT_AT"),
    "Unacknowledged page escalation": ("notifications.tasks.page_escalation_sweep_task", "NOTIFICATIONS_PAGE_ACK_BY"),
    "Permit follow-up digest": ("notifications.tasks.permit_digest_sweep_task", "PERMIT_DIGEST_AT"),
    "Warranty registrations digest": ("notifications.tasks.warranty_digest_sweep_task", "WARRANTY_DIGEST_AT"),
    "Lapsed maintenance agreements": ("billing.tasks.agreement_expire_lapsed_task", "AGREEMENTS_EXPIRE_AT"),
}
# Beat's periodic relays: name → (task, seconds between runs). Each queues again the work its app saved
# but the broker never got, and settles what a dead worker left in hand (see docs/architecture.md).
BEAT_INTERVAL_TASKS = {
    "Message relay": ("notifications.tasks.messages_relay_task", 60),
    "Folder render relay": ("field.tasks.job_folder_render_relay_task", 60),
    "Daily task catch-up": ("installops.tasks.daily_tasks_catch_up_task", 60),
    "Print job relay": ("installops.tasks.print_job_relay_task", 60),
    "Permit packet render relay": ("permits.tasks.permit_packet_render_relay_task", 60),
    "Invoice PDF render relay": ("billing.tasks.invoice_pdf_render_relay_task", 60),
}

# Queues whose workers prove they are alive every minute (installops/health): the status page shows each.
HEALTH_WORKER_QUEUES = ["celery", "pdf"]
# The catch-up (installops/daily_runs.py) queues a daily task beat could not publish, later the same day:
# from this long after its time (beat's own run has started by then), again if a queued one has not
# finished after the lease (its worker died), and a task only after the one it follows ran that day.
DAILY_TASK_CATCH_UP_AFTER_SECONDS = 120
DAILY_TASK_CATCH_UP_LEASE_SECONDS = 600
DAILY_TASK_RUNS_AFTER = {"notifications.tasks.page_escalation_sweep_task": "notifications.tasks.page_out_sweep_task"}

# The Title 24 code cycle in force from each date (permits): a permit keeps the cycle of its application day.
TITLE24_CODE_CYCLES = [
    (datetime.date(2020, 1, 1), "2019"),
    (datetime.date(2023, 1, 1), "2022"),
    (datetime.date(2026, 1, 1), "2025"),
]
# Title 24: altering more duct than this (feet) brings a job under the alteration rules, as a change-out does.
TITLE24_DUCT_FEET_THRESHOLD = env.int("TITLE24_DUCT_FEET_THRESHOLD", default=40)
# Printing (installops/printing): where "print" sends a PDF. The file backend writes into the spool folder;
# `installops.printing.backends.CupsPrintBackend` runs `lp -d PRINTER_NAME` on the worker (cups-client).
PRINT_BACKEND = env("PRINT_BACKEND", default="installops.printing.backends.FilePrintBackend")
PRINT_SPOOL_DIR = env.path("PRINT_SPOOL_DIR", default=BASE_DIR / "var" / "print-spool")
PRINTER_NAME = env("PRINTER_NAME", default="")
PRINT_LP_COMMAND = env("PRINT_LP_COMMAND", default="lp")
PRINT_TIMEOUT_SECONDS = env.int("PRINT_TIMEOUT_SECONDS", default=30)
# A print job "printing" for longer than this lost its worker (above the print task's time limit).
PRINT_LEASE_SECONDS = env.int("PRINT_LEASE_SECONDS", default=120)
# A permit packet "rendering" for longer than this lost its worker (above the render task's time limit).
PERMITS_PACKET_LEASE_SECONDS = env.int("PERMITS_PACKET_LEASE_SECONDS", default=180)
# The install administrator's follow-up list (permits/selectors/follow_up.py) and its morning digest.
# A sold job that needs a permit is chased once this many days passed without an application.
PERMIT_APPLY_WITHIN_DAYS = env.int("PERMIT_APPLY_WITHIN_DAYS", default=3)
# An issued permit shows on the list this many days before it expires.
PERMIT_EXPIRY_WARNING_DAYS = env.int("PERMIT_EXPIRY_WARNING_DAYS", default=30)
# The digest email to the install administrators, "HH:MM" company time (then `manage.py sync_beat_schedule`).
PERMIT_DIGEST_AT = env("PERMIT_DIGEST_AT", default="07:00")

# Invoices (billing). Sales tax on equipment and parts (labor is not taxed), as a fraction.
BILLING_TAX_RATE = decimal.Decimal(env("BILLING_TAX_RATE", default="0.0775"))
# Days from the invoice date to its due date, and the years of labor warranty the company gives.
BILLING_TERMS_DAYS = env.int("BILLING_TERMS_DAYS", default=30)
BILLING_LABOR_WARRANTY_YEARS = env.int("BILLING_LABOR_WARRANTY_YEARS", default=1)
# An invoice PDF "rendering" for longer than this lost its worker (above the render task's time limit).
BILLING_PDF_LEASE_SECONDS = env.int("BILLING_PDF_LEASE_SECONDS", default=180)
# Accounting's morning email of warranty registrations overdue or due within so many days (billing).
WARRANTY_DIGEST_AT = env("WARRANTY_DIGEST_AT", default="07:15")
WARRANTY_DIGEST_WITHIN_DAYS = env.int("WARRANTY_DIGEST_WITHIN_DAYS", default=14)
# When maintenance agreements whose term ended are marked expired, "HH:MM" company time.
AGREEMENTS_EXPIRE_AT = env("AGREEMENTS_EXPIRE_AT", default="00:30")
