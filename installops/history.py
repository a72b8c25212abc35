"""Who made a change and why, for the history row django-simple-history writes when an instance is saved.

simple-history reads both from attributes of the instance being saved. A user left out is taken from the
request being served (its HistoryRequestMiddleware), none outside one; a reason left out is recorded as
none (NULL).
"""

from enum import Enum
from typing import TYPE_CHECKING, Final

from django.db import models

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser

# The instance attributes simple-history reads (see HistoricalRecords.get_history_user and
# simple_history.utils.get_change_reason_from_object).
HISTORY_USER_ATTRIBUTE: Final = "_history_user"
CHANGE_REASON_ATTRIBUTE: Final = "_change_reason"
REASON_MAX_LENGTH: Final = 100  # simple-history's history_change_reason column


class _Unnamed(Enum):
    """`by` left out: not the same as `by=None`, which records that nobody made the change."""

    USER = "the request's user"


def history_note(
    instance: models.Model,
    *,
    by: "AbstractBaseUser | None | _Unnamed" = _Unnamed.USER,
    reason: str | None = None,
) -> None:
    """Name who makes the change about to be saved (`by`, None for nobody) and why (`reason`)."""
    if by is not _Unnamed.USER:
        setattr(instance, HISTORY_USER_ATTRIBUTE, by)
    if reason is not None:
        # The history row keeps a summary (simple-history's column holds 100 characters); the full
        # text stays where the change keeps it (a status change's note, a visit's reason).
        if len(reason) > REASON_MAX_LENGTH:
            reason = reason[: REASON_MAX_LENGTH - 1] + "…"
        setattr(instance, CHANGE_REASON_ATTRIBUTE, reason)
