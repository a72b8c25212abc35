"""Scheduling's and billing's events this app listens to. A receiver only queues a task with the IDs, after commit:
no request waits on a sweep, and the task calls the service.

The task is queued durably (`owed_task_add`): an `OwedTask` row first, then the broker; when the broker
is down the row stays and the relay queues it later, so no event's work is lost.
"""

from django.utils import timezone

from scheduling.choices import RELEASED_VISIT_STATUSES, VisitStatus

from .choices import VisitChangeKind
from .services import owed_task_add
from .tasks import invoice_email_task, on_my_way_notify_task, visit_change_notify_task, visit_messages_catch_up_task


def _now() -> str:
    # What counts as "told before the change": stamped now, before any task of the change runs.
    return timezone.now().isoformat()


def _owe(task, *args) -> None:
    owed_task_add(task=task.name, args=list(args))


def on_visit_dispatch_status_changed(
    sender, *, visit_id, from_status, to_status, by_id=None, change_id="", **kwargs
) -> None:
    if to_status == VisitStatus.ON_MY_WAY:
        _owe(on_my_way_notify_task, visit_id, by_id)
    elif to_status in RELEASED_VISIT_STATUSES and change_id:
        _owe(visit_change_notify_task, visit_id, change_id, VisitChangeKind.RELEASED.value, _now())


def on_visit_booked(sender, *, visit_id, change_id="", **kwargs) -> None:
    if change_id:
        _owe(visit_change_notify_task, visit_id, change_id, VisitChangeKind.BOOKED.value, _now())
    else:
        _owe(visit_messages_catch_up_task, visit_id)


def on_visit_moved(
    sender, *, visit_id, change_id="", old_starts_at=None, old_crew_id=None, old_technician_id=None, **kwargs
) -> None:
    if not change_id or old_starts_at is None:
        _owe(visit_messages_catch_up_task, visit_id)
        return
    old = {"starts_at": old_starts_at.isoformat(), "crew_id": old_crew_id, "technician_id": old_technician_id}
    _owe(visit_change_notify_task, visit_id, change_id, VisitChangeKind.MOVED.value, _now(), old)


def on_invoice_delivery_requested(sender, *, delivery_id, **kwargs) -> None:
    _owe(invoice_email_task, delivery_id)


def connect() -> None:
    from billing.signals import invoice_delivery_requested
    from scheduling.signals import visit_booked, visit_dispatch_status_changed, visit_moved

    invoice_delivery_requested.connect(
        on_invoice_delivery_requested, dispatch_uid="notifications.on_invoice_delivery_requested"
    )
    visit_dispatch_status_changed.connect(
        on_visit_dispatch_status_changed, dispatch_uid="notifications.on_visit_dispatch_status_changed"
    )
    visit_booked.connect(on_visit_booked, dispatch_uid="notifications.on_visit_booked")
    visit_moved.connect(on_visit_moved, dispatch_uid="notifications.on_visit_moved")
