import pytest

from notifications.sms import locmem


@pytest.fixture(autouse=True)
def sms_outbox():
    """Texts sent during the test (the in-memory backend), emptied before each test."""
    locmem.outbox.clear()
    yield locmem.outbox
    locmem.outbox.clear()


@pytest.fixture(autouse=True)
def fresh_template_cache():
    """Each test sees the templates as its database has them."""
    from notifications.services import template_cache_clear

    template_cache_clear()
    yield
    template_cache_clear()
