"""Prints each text to standard output: the default on a developer's machine."""

import sys
import threading
import uuid

from . import BaseSmsBackend


class SmsBackend(BaseSmsBackend):
    _lock = threading.Lock()

    def __init__(self, stream=None):
        self.stream = stream or sys.stdout

    def send(self, *, to: str, body: str) -> str:
        message_id = f"console-{uuid.uuid4().hex[:16]}"
        with self._lock:
            self.stream.write(f"SMS to {to} [{message_id}]\n{body}\n{'-' * 40}\n")
            self.stream.flush()
        return message_id
