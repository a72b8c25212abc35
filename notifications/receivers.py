"""Scheduling's events this app listens to. A receiver only queues a task with the IDs, after commit:
no request waits on a sweep, and the task calls the service."""

from scheduling.choices import VisitStatus

from .tasks import on_my_way_notify_task, visit_messages_catch_up_task


def on_visit_dispatch_status_changed(sender, *, visit_id, from_status, to_status, by_id=None, **kwargs) -> None:
    if to_status == VisitStatus.ON_MY_WAY:
        on_my_way_notify_task.delay_on_commit(visit_id, by_id)


def on_visit_booked_or_moved(sender, *, visit_id, **kwargs) -> None:
    visit_messages_catch_up_task.delay_on_commit(visit_id)


def connect() -> None:
    from scheduling.signals import visit_booked, visit_dispatch_status_changed, visit_moved

    visit_dispatch_status_changed.connect(
        on_visit_dispatch_status_changed, dispatch_uid="notifications.on_visit_dispatch_status_changed"
    )
    visit_booked.connect(on_visit_booked_or_moved, dispatch_uid="notifications.on_visit_booked")
    visit_moved.connect(on_visit_booked_or_moved, dispatch_uid="notifications.on_visit_moved")
