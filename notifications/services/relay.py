"""The outbox relay: the message log and the owed event work are the outbox, the broker only carries it.

Every message is a row before its send task is queued, and every task a scheduling event owes is an
`OwedTask` row before it is queued. A publish that fails (broker down) leaves the row unmarked; a worker
that dies leaves a message "sending". Every minute (beat, `messages_relay_task`) the relay:

1. settles messages "sending" past the lease (`messages_settle_stuck`: queued again if they never
   reached the provider, failed with the reason if they may have gone out: nothing goes out twice);
2. queues again pending messages never handed to the broker, or handed over longer than a lease ago
   (a lost task; a duplicate is harmless, the send claims its message atomically);
3. queues again owed tasks not queued, or queued longer than a lease ago and still not done.

A fixed number of queries whatever the backlog; at most RELAY_BATCH rows of each a run.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from installops.queueing import publish_or_defer

from ..choices import MessageStatus
from ..models import Message, OwedTask
from .queueing import messages_enqueue
from .sending import messages_settle_stuck, sending_lease

logger = logging.getLogger(__name__)

RELAY_BATCH = 5000
# Work saved a moment ago is being handed over by the request that saved it: leave it that long.
RELAY_GRACE = timedelta(seconds=10)
# An owed task that failed this many times is a bug to look at (logged), not something to retry forever.
OWED_MAX_ATTEMPTS = 5


def owed_task_add(*, task: str, args: list) -> OwedTask:
    """Keep the work a scheduling event owes, then hand it to the broker after commit (or leave it to
    the relay when the broker is down)."""
    owed = OwedTask.objects.create(task=task, args=args)
    transaction.on_commit(lambda: owed_tasks_enqueue(owed_ids=[owed.pk]))
    return owed


def owed_tasks_enqueue(*, owed_ids: list[int]) -> bool:
    """One run task per owed task, marked handed over; a broker that is down leaves them to the relay."""
    from ..tasks import owed_task_run_task

    def publish() -> None:
        with owed_task_run_task.app.producer_or_acquire() as producer:
            for owed_id in owed_ids:
                owed_task_run_task.apply_async((owed_id,), producer=producer)

    if not publish_or_defer(publish, what=f"{len(owed_ids)} owed task(s)"):
        return False
    OwedTask.objects.filter(pk__in=owed_ids).update(enqueued_at=timezone.now(), attempts=F("attempts") + 1)
    return True


def owed_task_done(*, owed_id: int) -> None:
    OwedTask.objects.filter(pk=owed_id).delete()


@dataclass
class RelayResult:
    requeued_stuck: int
    failed_stuck: int
    messages_queued: int
    owed_queued: int

    def __str__(self) -> str:
        return (
            f"{self.messages_queued} message(s) queued again, {self.requeued_stuck} back from a dead worker, "
            f"{self.failed_stuck} failed (may have gone out), {self.owed_queued} owed task(s) queued again"
        )


def _due(queryset, *, now, created_field: str, settled: Q | None = None):
    """Rows never handed to the broker (after a short grace, or at once when `settled`: taken back from
    a dead worker), or handed over longer than a lease ago."""
    fresh = Q(**{f"{created_field}__lt": now - RELAY_GRACE})
    never = Q(enqueued_at__isnull=True) & (fresh | settled if settled is not None else fresh)
    lost = Q(enqueued_at__lt=now - sending_lease())
    return queryset.filter(never | lost).order_by("pk").values_list("pk", flat=True)[:RELAY_BATCH]


def messages_relay() -> RelayResult:
    """One run of the relay (see the module's note). Idempotent: a second run finds nothing more to do."""
    requeued_stuck, failed_stuck = messages_settle_stuck()
    now = timezone.now()
    pending = Message.objects.filter(status=MessageStatus.PENDING)
    # A message whose last attempt is a lease old with nothing queued for it was taken back from a dead worker.
    settled = Q(last_attempt_at__lt=now - sending_lease())
    message_ids = list(_due(pending, now=now, created_field="updated_at", settled=settled))
    if message_ids:
        messages_enqueue(message_ids=message_ids)
    owed = OwedTask.objects.filter(attempts__lt=OWED_MAX_ATTEMPTS)
    owed_ids = list(_due(owed, now=now, created_field="created_at"))
    if owed_ids:
        owed_tasks_enqueue(owed_ids=owed_ids)
    given_up = OwedTask.objects.filter(attempts__gte=OWED_MAX_ATTEMPTS, enqueued_at__lt=now - sending_lease())
    if given_up.exists():
        logger.error("Owed tasks that never completed after %s attempts: %s", OWED_MAX_ATTEMPTS, list(given_up[:20]))
    return RelayResult(requeued_stuck, failed_stuck, len(message_ids), len(owed_ids))
