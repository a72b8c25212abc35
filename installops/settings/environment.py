"""Variables a settings module cannot start without: all missing ones named in one line, no traceback."""

import os
from pathlib import Path

import environ

DOTENV = Path(__file__).resolve().parent.parent.parent / ".env"


class ConfigurationExit(SystemExit):
    """Stops the process (manage.py, gunicorn, celery) with one line on stderr and exit status 1.

    A SystemExit, so that nothing on the way up (Django's settings loading, Celery's or gunicorn's
    start-up) reports it as a crash with a traceback: Python prints the message and exits.
    """

    def __init__(self, message):
        super().__init__(f"error: {message} (see README, Production)")


def require(*names):
    """Stop unless every one of these variables is set (an empty value counts as missing).

    Values from the `.env` file at the top count (read here as `base` reads it: the environment wins).
    Call it before importing `base`, which would otherwise parse the missing ones with local defaults.
    """
    environ.Env.read_env(DOTENV, overwrite=False)
    missing = [name for name in names if not os.environ.get(name, "").strip()]
    if missing:
        plural = "s" if len(missing) > 1 else ""
        raise ConfigurationExit(f"missing required environment variable{plural}: {', '.join(missing)}")
