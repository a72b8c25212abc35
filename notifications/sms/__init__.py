"""Text messages through a small pluggable backend, the way Django sends email.

`settings.SMS_BACKEND` names a class with `send(to=, body=) -> str` (the provider's message id).
Backends raise `SmsTransientError` when trying again later may work (network, rate limit, provider
outage) and `SmsPermanentError` when it never will (invalid or unsubscribed number, bad credentials).
"""

import re

from django.conf import settings
from django.utils.module_loading import import_string


class SmsError(Exception):
    pass


class SmsTransientError(SmsError):
    """Try again later."""


class SmsPermanentError(SmsError):
    """Trying again will not help."""


class BaseSmsBackend:
    def send(self, *, to: str, body: str) -> str:
        raise NotImplementedError


def get_sms_backend(path: str | None = None) -> BaseSmsBackend:
    return import_string(path or settings.SMS_BACKEND)()


def send_sms(*, to: str, body: str) -> str:
    return get_sms_backend().send(to=to, body=body)


NON_DIGITS = re.compile(r"\D")


def phone_to_e164(raw: str) -> str | None:
    """A North American number in E.164 (+15595550142), or None when it cannot be one.

    Area and exchange codes never start with 0 or 1; anything else is not a number a text can reach.
    """
    text = (raw or "").strip()
    digits = NON_DIGITS.sub("", text)
    if text.startswith("+") and not digits.startswith("1"):
        return None
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    if len(digits) != 10 or digits[0] in "01" or digits[3] in "01":
        return None
    return f"+1{digits}"
