import pytest

from scheduling.signals import visit_dispatch_status_changed


@pytest.fixture
def received():
    """The `visit_dispatch_status_changed` events sent during the test, as the receivers got them."""
    events = []

    def receiver(sender, **kwargs):
        events.append(kwargs)

    visit_dispatch_status_changed.connect(receiver, weak=False)
    yield events
    visit_dispatch_status_changed.disconnect(receiver)
