"""Appends each text as one JSON line to settings.SMS_FILE_PATH (demos, staging, the worker test)."""

import fcntl
import json
import uuid
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from . import BaseSmsBackend


class SmsBackend(BaseSmsBackend):
    def __init__(self, path: str | None = None):
        self.path = Path(path or settings.SMS_FILE_PATH)

    def send(self, *, to: str, body: str) -> str:
        message_id = f"file-{uuid.uuid4().hex[:16]}"
        line = json.dumps({"id": message_id, "to": to, "body": body, "at": timezone.now().isoformat()})
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("a", encoding="utf-8") as handle:
            # Several worker processes append to the same file.
            fcntl.flock(handle, fcntl.LOCK_EX)
            handle.write(line + "\n")
        return message_id
