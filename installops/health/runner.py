"""Running a list of checks inside the request, one after the other.

django-health-check's own view runs checks on an event loop and a thread pool; the project's checks
are synchronous and run here on the request's thread instead (its database connection, and in tests
its transaction; the ORM refuses to run inside an event loop). Each check's client has a short timeout
of its own, so a dead service answers in seconds rather than hanging the page.
"""

import logging
import timeit

from django.conf import settings
from health_check import Database, HealthCheck, Storage
from health_check.base import HealthCheckResult
from health_check.exceptions import HealthCheckException

from installops.health.checks import BeatLastRun, BrokerRedis, WorkerHeartbeat

logger = logging.getLogger(__name__)


def probe_checks() -> list[HealthCheck]:
    """What one web instance needs to serve pages: the load balancer's probe. Cheap, writes nothing."""
    return [Database(), BrokerRedis()]


def status_checks() -> list[HealthCheck]:
    """Everything the office relies on: the probe's checks, storage, each queue's worker, beat."""
    return [
        *probe_checks(),
        Storage(),
        *(WorkerHeartbeat(queue=queue) for queue in settings.HEALTH_WORKER_QUEUES),
        BeatLastRun(),
    ]


def health_checks_run(checks: list[HealthCheck]) -> list[HealthCheckResult]:
    results = []
    for check in checks:
        start = timeit.default_timer()
        error: HealthCheckException | None = None
        try:
            check.run()
        except HealthCheckException as failure:
            error = failure
            logger.warning("Health check %r failed: %s", check, failure)
        except Exception:
            # An unexpected error's text may carry a host or a key: logged, shown only as "unknown error".
            logger.exception("Health check %r raised", check)
            error = HealthCheckException("unknown error")
        results.append(HealthCheckResult(check=check, error=error, time_taken=timeit.default_timer() - start))
    return results
