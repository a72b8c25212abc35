"""Printing the office's PDFs: a backend chosen in settings, and print jobs that run on Celery.

    backends   where a PDF goes: the spool folder (the default) or a CUPS printer through `lp`
    services   print jobs: ask, hand to the broker, print on the worker, the relay
    selectors  the recent print jobs the printing page lists

`installops` imports no app: the app that prints passes the stored file's name and a label.
"""

from .backends import PrintError, get_print_backend
from .services import print_job_request

__all__ = ["PrintError", "get_print_backend", "print_job_request"]
