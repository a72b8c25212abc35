"""The links messages carry: signed no-login links for customers and crews, and job links for crews.

Tokens are signed with SECRET_KEY (django.core.signing) and expire after
NOTIFICATIONS_LINK_MAX_AGE_DAYS; a tampered, expired or unknown token is simply "not valid".
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.urls import NoReverseMatch, reverse

CONFIRM_SALT = "notifications.confirm-visit"
ACKNOWLEDGE_SALT = "notifications.acknowledge-page"


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _max_age() -> timedelta:
    return timedelta(days=settings.NOTIFICATIONS_LINK_MAX_AGE_DAYS)


def visit_confirm_token(visit_id: int) -> str:
    return signing.dumps({"visit": visit_id}, salt=CONFIRM_SALT)


def visit_id_from_confirm_token(token: str) -> int | None:
    try:
        return int(signing.loads(token, salt=CONFIRM_SALT, max_age=_max_age())["visit"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


def visit_confirm_url(visit_id: int) -> str:
    return absolute(reverse("notifications:visit_confirm", args=[visit_confirm_token(visit_id)]))


def page_acknowledge_token(page_id: int) -> str:
    return signing.dumps({"page": page_id}, salt=ACKNOWLEDGE_SALT)


def page_id_from_acknowledge_token(token: str) -> int | None:
    try:
        return int(signing.loads(token, salt=ACKNOWLEDGE_SALT, max_age=_max_age())["page"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


def page_acknowledge_url(page_id: int) -> str:
    return absolute(reverse("notifications:page_acknowledge", args=[page_acknowledge_token(page_id)]))


def _field_url(name: str, pk: int, fallback: str) -> str:
    """A page of the field app, by URL name only (this app does not import it); the fallback without it."""
    try:
        return absolute(reverse(name, args=[pk]))
    except NoReverseMatch:
        return absolute(fallback)


def job_folder_url(job) -> str:
    """The job's latest printed folder (contract, confirmation sheet, work orders, pictures) as one PDF.

    The field app sends the crew to the job's page when no folder has been printed yet.
    """
    return _field_url("field:job_folder_latest", job.pk, job.get_absolute_url())


def visit_paperwork_url(visit) -> str:
    """The visit on the crew's phone view: the sales paperwork and pictures, file by file."""
    return _field_url("field:visit_detail", visit.pk, visit.job.get_absolute_url())
