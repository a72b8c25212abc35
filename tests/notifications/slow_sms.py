"""An SMS backend that takes its time, so a test can kill the worker in the middle of a send."""

import time

from django.conf import settings

from notifications.sms.file import SmsBackend as FileSmsBackend


class SmsBackend(FileSmsBackend):
    def send(self, *, to: str, body: str) -> str:
        time.sleep(getattr(settings, "SLOW_SMS_SECONDS", 30))
        return super().send(to=to, body=body)
