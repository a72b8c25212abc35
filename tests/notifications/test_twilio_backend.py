"""The Twilio adapter against a fake Twilio on localhost: no request ever leaves the machine."""

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qs

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from notifications.sms import SmsPermanentError, SmsTransientError, phone_to_e164
from notifications.sms.twilio import SmsBackend


class FakeTwilio(BaseHTTPRequestHandler):
    requests: list = []
    reply: tuple = (201, {"sid": "SM123", "status": "queued"})

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"])).decode()
        FakeTwilio.requests.append({"path": self.path, "auth": self.headers["Authorization"], "form": parse_qs(body)})
        status, payload = FakeTwilio.reply
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def fake_twilio():
    server = HTTPServer(("127.0.0.1", 0), FakeTwilio)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    FakeTwilio.requests = []
    FakeTwilio.reply = (201, {"sid": "SM123", "status": "queued"})
    with override_settings(
        TWILIO_API_BASE=f"http://127.0.0.1:{server.server_port}",
        TWILIO_ACCOUNT_SID="AC0001",
        TWILIO_AUTH_TOKEN="secret",
        TWILIO_FROM_NUMBER="+15595550100",
    ):
        yield FakeTwilio
    server.shutdown()
    server.server_close()


def test_a_text_is_posted_to_the_messages_resource_and_its_sid_returned(fake_twilio):
    assert SmsBackend().send(to="+15595550142", body="Hello") == "SM123"
    (request,) = fake_twilio.requests
    assert request["path"] == "/2010-04-01/Accounts/AC0001/Messages.json"
    assert request["auth"] == "Basic QUMwMDAxOnNlY3JldA=="  # AC0001:secret
    assert request["form"] == {"To": ["+15595550142"], "From": ["+15595550100"], "Body": ["Hello"]}


@pytest.mark.parametrize(
    ("reply", "error", "text"),
    [
        ((400, {"code": 21211, "message": "Invalid 'To' Phone Number"}), SmsPermanentError, "Not a valid phone number"),
        ((400, {"code": 21610, "message": "unsubscribed"}), SmsPermanentError, "replied STOP"),
        ((401, {"code": 20003, "message": "Authenticate"}), SmsPermanentError, "credentials"),
        ((429, {"code": 20429, "message": "Too Many Requests"}), SmsTransientError, "busy or down"),
        ((503, {}), SmsTransientError, "HTTP 503"),
    ],
)
def test_twilio_errors_are_sorted_into_permanent_and_transient(fake_twilio, reply, error, text):
    fake_twilio.reply = reply
    with pytest.raises(error, match=text):
        SmsBackend().send(to="+15595550142", body="Hello")


def test_an_unreachable_twilio_is_a_transient_error():
    with (
        override_settings(
            TWILIO_API_BASE="http://127.0.0.1:9",
            TWILIO_ACCOUNT_SID="AC1",
            TWILIO_AUTH_TOKEN="t",
            TWILIO_FROM_NUMBER="+15595550100",
        ),
        pytest.raises(SmsTransientError, match="Could not reach Twilio"),
    ):
        SmsBackend().send(to="+15595550142", body="Hello")


def test_missing_credentials_are_reported_at_start():
    with override_settings(TWILIO_ACCOUNT_SID=""), pytest.raises(ImproperlyConfigured):
        SmsBackend()


@pytest.mark.parametrize(
    ("raw", "e164"),
    [
        ("(559) 555-0142", "+15595550142"),
        ("1-559-555-0142", "+15595550142"),
        ("+1 559 555 0142", "+15595550142"),
        ("559.555.0142", "+15595550142"),
        ("555-0142", None),
        ("(159) 555-0142", None),
        ("+44 20 7946 0958", None),
        ("", None),
    ],
)
def test_phone_numbers_are_normalised_to_e164(raw, e164):
    assert phone_to_e164(raw) == e164
