"""What billing does when scheduling's events arrive: a receiver only queues a task (see scheduling.signals)."""

from installops.queueing import publish_or_defer
from scheduling.choices import VisitStatus


def on_visit_dispatch_status_changed(sender, *, visit_id, to_status, by_id=None, **kwargs) -> None:
    # The last close-out of a job paid before it: the job may close now. Lost with a broker down, the job
    # stays invoiced with its facts met, and accounting closes it from the job page.
    if to_status == VisitStatus.CLOSED_OUT:
        from .tasks import job_close_when_paid_task

        publish_or_defer(
            lambda: job_close_when_paid_task.delay(visit_id, by_id), what=f"closing visit {visit_id}'s job if paid"
        )


def connect_receivers() -> None:
    from scheduling.signals import visit_dispatch_status_changed

    visit_dispatch_status_changed.connect(
        on_visit_dispatch_status_changed, dispatch_uid="billing.on_visit_dispatch_status_changed"
    )
