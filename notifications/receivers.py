"""Scheduling's events this app listens to. Receivers only hand the work to a service."""

from scheduling.choices import VisitStatus


def on_visit_dispatch_status_changed(sender, *, visit_id, from_status, to_status, by_id=None, **kwargs) -> None:
    if to_status == VisitStatus.ON_MY_WAY:
        from .services import on_my_way_notify

        on_my_way_notify(visit_id=visit_id, by_id=by_id)


def connect() -> None:
    from scheduling.signals import visit_dispatch_status_changed

    visit_dispatch_status_changed.connect(
        on_visit_dispatch_status_changed, dispatch_uid="notifications.on_visit_dispatch_status_changed"
    )
