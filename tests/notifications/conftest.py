import pytest

from notifications.sms import locmem


@pytest.fixture(autouse=True)
def sms_outbox():
    """Texts sent during the test (the in-memory backend), emptied before each test."""
    locmem.outbox.clear()
    yield locmem.outbox
    locmem.outbox.clear()
