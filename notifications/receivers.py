"""Scheduling's events this app listens to. Receivers only hand the work to a service."""

from scheduling.choices import VisitStatus


def on_visit_dispatch_status_changed(sender, *, visit_id, from_status, to_status, by_id=None, **kwargs) -> None:
    if to_status == VisitStatus.ON_MY_WAY:
        from .services import on_my_way_notify

        on_my_way_notify(visit_id=visit_id, by_id=by_id)


def on_visit_booked_or_moved(sender, *, visit_id, **kwargs) -> None:
    from .services import visit_messages_catch_up

    visit_messages_catch_up(visit_id=visit_id)


def connect() -> None:
    from scheduling.signals import visit_booked, visit_dispatch_status_changed, visit_moved

    visit_dispatch_status_changed.connect(
        on_visit_dispatch_status_changed, dispatch_uid="notifications.on_visit_dispatch_status_changed"
    )
    visit_booked.connect(on_visit_booked_or_moved, dispatch_uid="notifications.on_visit_booked")
    visit_moved.connect(on_visit_booked_or_moved, dispatch_uid="notifications.on_visit_moved")
