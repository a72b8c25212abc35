"""Twilio's Programmable Messaging REST API, spoken directly over HTTPS (no SDK).

Settings: TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and either TWILIO_FROM_NUMBER or
TWILIO_MESSAGING_SERVICE_SID. TWILIO_API_BASE exists so tests can point it at a local fake server.
"""

import base64
import json
import urllib.error
import urllib.parse
import urllib.request

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from . import BaseSmsBackend, SmsPermanentError, SmsTransientError

# Twilio error codes that mean this number will never take this text.
PERMANENT_CODES = {
    21211: "Not a valid phone number",
    21214: "Not a phone number that can receive texts",
    21408: "Texts to that region are not enabled on the account",
    21610: "The customer replied STOP to our texts",
    21612: "Cannot text that number from our number",
    21614: "Not a mobile number",
}


class SmsBackend(BaseSmsBackend):
    timeout_seconds = 15

    def __init__(self):
        self.account_sid = settings.TWILIO_ACCOUNT_SID
        self.auth_token = settings.TWILIO_AUTH_TOKEN
        self.from_number = settings.TWILIO_FROM_NUMBER
        self.messaging_service_sid = settings.TWILIO_MESSAGING_SERVICE_SID
        self.api_base = settings.TWILIO_API_BASE.rstrip("/")
        if not self.api_base.startswith(("https://", "http://")):
            raise ImproperlyConfigured("TWILIO_API_BASE must be an http(s) URL.")
        if not (self.account_sid and self.auth_token and (self.from_number or self.messaging_service_sid)):
            raise ImproperlyConfigured(
                "The Twilio SMS backend needs TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM_NUMBER "
                "(or TWILIO_MESSAGING_SERVICE_SID)."
            )

    def send(self, *, to: str, body: str) -> str:
        fields = {"To": to, "Body": body}
        if self.messaging_service_sid:
            fields["MessagingServiceSid"] = self.messaging_service_sid
        else:
            fields["From"] = self.from_number
        url = f"{self.api_base}/2010-04-01/Accounts/{self.account_sid}/Messages.json"
        credentials = base64.b64encode(f"{self.account_sid}:{self.auth_token}".encode()).decode()
        request = urllib.request.Request(  # noqa: S310 - an http(s) URL, checked in __init__
            url,
            data=urllib.parse.urlencode(fields).encode(),
            method="POST",
            headers={"Authorization": f"Basic {credentials}", "Accept": "application/json"},
        )
        try:
            # The URL is built from TWILIO_API_BASE, checked to be http(s) when the backend is made.
            with urllib.request.urlopen(request, timeout=self.timeout_seconds) as response:  # noqa: S310
                payload = json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as error:
            raise self._error_from_response(error) from error
        except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
            raise SmsTransientError(f"Could not reach Twilio: {getattr(error, 'reason', error)}") from error
        except json.JSONDecodeError as error:
            raise SmsTransientError("Twilio sent an unreadable answer") from error
        sid = payload.get("sid")
        if not sid:
            raise SmsTransientError("Twilio accepted the text but returned no message id")
        return sid

    def _error_from_response(self, error: urllib.error.HTTPError) -> Exception:
        try:
            payload = json.loads(error.read() or b"{}")
        except (json.JSONDecodeError, OSError):
            payload = {}
        code = payload.get("code")
        detail = payload.get("message") or error.reason
        if code in PERMANENT_CODES:
            return SmsPermanentError(f"{PERMANENT_CODES[code]} (Twilio {code})")
        if error.code == 429 or error.code >= 500:
            return SmsTransientError(f"Twilio is busy or down (HTTP {error.code}): {detail}")
        if error.code in (401, 403):
            return SmsPermanentError(f"Twilio refused our credentials (HTTP {error.code}); check the SMS settings")
        return SmsPermanentError(
            f"Twilio refused the text (HTTP {error.code}{f', code {code}' if code else ''}): {detail}"
        )
