"""Keeps texts in `outbox` (a list), like Django's locmem email backend: for tests."""

import itertools

from . import BaseSmsBackend

outbox: list[dict] = []
_ids = itertools.count(1)


class SmsBackend(BaseSmsBackend):
    def send(self, *, to: str, body: str) -> str:
        message_id = f"locmem-{next(_ids)}"
        outbox.append({"id": message_id, "to": to, "body": body})
        return message_id
