"""Handing work to the broker without ever failing the request or the task that asked for it.

The database is the outbox: every piece of queued work is a row first (a message, a folder render, an
owed event), and a periodic relay queues again whatever the broker never got. So a publish that fails
(Redis down, restarting, unreachable) is logged and left to the relay instead of raising into the
request, which already saved its work.
"""

import logging
from collections.abc import Callable

from kombu.exceptions import OperationalError as KombuOperationalError
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# What a publish raises when the broker cannot take it (kombu wraps the connection's errors). Nothing
# broader: with eager tasks (tests, the local demo) the task's own errors must still surface.
BROKER_ERRORS = (KombuOperationalError, RedisError)


def publish_or_defer(publish: Callable[[], object], *, what: str) -> bool:
    """Run `publish` (which hands tasks to the broker); False when the broker could not take them."""
    try:
        publish()
    except BROKER_ERRORS as error:
        logger.warning("Broker unavailable, %s left for the relay: %s: %s", what, type(error).__name__, error)
        return False
    return True
