"""Production settings pass Django's deployment checks and refuse to start without their secrets."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.production

ROOT = Path(__file__).resolve().parent.parent
REQUIRED = {
    "SECRET_KEY": "x7!kP2#qL9@vR4$wT8^mZ3&nB6*cF1(hJ5)dG0-sY2+eU7=aQ-prod-key-for-the-check-only",
    "ALLOWED_HOSTS": "office.installops.example",
    "DATABASE_URL": os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/installops"),
    "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
    "SITE_URL": "https://office.installops.example",
}
# What this process has that a production host would not.
NOT_PASSED = {*REQUIRED, "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE", "CSRF_TRUSTED_ORIGINS"}


def run_manage(*args, env_overrides):
    env = {k: v for k, v in os.environ.items() if k not in NOT_PASSED and not k.startswith("SECURE_")}
    env.update({"DJANGO_SETTINGS_MODULE": "installops.settings.production", **env_overrides})
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def production_setting(name, **env_overrides):
    result = run_manage(
        "shell", "-c", f"from django.conf import settings; print(repr(settings.{name}))", env_overrides=env_overrides
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_check_deploy_reports_nothing():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env_overrides=REQUIRED)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_reports_nothing_behind_a_proxy_that_redirects_itself():
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING", env_overrides={**REQUIRED, "SECURE_SSL_REDIRECT": "off"}
    )
    # Django's own check wants the redirect on; turning it off is the one warning, and the expected one.
    assert "security.W008" in result.stdout + result.stderr
    assert result.stdout.count("security.W") + result.stderr.count("security.W") == 1, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", env_overrides={k: v for k, v in REQUIRED.items() if k != "SECRET_KEY"})

    assert result.returncode == 1
    expected = "error: missing required environment variable: SECRET_KEY (see README, Production)"
    assert result.stderr.splitlines() == [expected], result.stderr


def test_forms_are_trusted_from_the_public_address_unless_told_otherwise():
    assert production_setting("CSRF_TRUSTED_ORIGINS", **REQUIRED) == "['https://office.installops.example']"

    listed = {**REQUIRED, "CSRF_TRUSTED_ORIGINS": "https://a.example,https://b.example"}
    assert production_setting("CSRF_TRUSTED_ORIGINS", **listed) == "['https://a.example', 'https://b.example']"
