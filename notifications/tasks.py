"""Thin tasks: IDs in, the service does the work. Sweeps run from celery beat; sends from the sweeps."""

import random
from datetime import date, datetime

from celery import shared_task
from django.conf import settings

from installops.daily_runs import records_daily_run

from . import services
from .models import OwedTask


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


@shared_task
@records_daily_run
def confirmation_sweep_task(day: str | None = None) -> str:
    return str(services.confirmation_sweep(day=_day(day)))


@shared_task
@records_daily_run
def page_out_sweep_task(day: str | None = None) -> str:
    return str(services.page_out_sweep(day=_day(day)))


@shared_task
@records_daily_run
def page_escalation_sweep_task(day: str | None = None) -> str:
    return str(services.page_escalation_sweep(day=_day(day)))


@shared_task
@records_daily_run
def permit_digest_sweep_task(day: str | None = None) -> str:
    return str(services.permit_digest_sweep(day=_day(day)))


@shared_task
@records_daily_run
def warranty_digest_sweep_task(day: str | None = None) -> str:
    return str(services.warranty_digest_sweep(day=_day(day)))


@shared_task
def on_my_way_notify_task(visit_id: int, by_id: int | None = None) -> str:
    """Queued when a visit goes "on my way"; the message key makes a second run send nothing."""
    return str(services.on_my_way_notify(visit_id=visit_id, by_id=by_id))


@shared_task
def visit_messages_catch_up_task(visit_id: int) -> str:
    """Queued when a visit is booked or moved: tomorrow's confirmation and page-out if the sweeps already ran."""
    services.visit_messages_catch_up(visit_id=visit_id)
    return "done"


@shared_task
def visit_change_notify_task(visit_id: int, change_id: str, kind: str, changed_at: str, old: dict | None = None) -> str:
    """Queued when a visit is moved, called off or booked: the people already told hear of it.

    `old` is what a moved visit was: starts_at (ISO), crew_id, technician_id. The change's key makes
    a second run send nothing.
    """
    old = old or {}
    change = services.visit_change_notify(
        visit_id=visit_id,
        change_id=change_id,
        kind=kind,
        changed_at=datetime.fromisoformat(changed_at),
        old_starts_at=datetime.fromisoformat(old["starts_at"]) if old.get("starts_at") else None,
        old_crew_id=old.get("crew_id"),
        old_technician_id=old.get("technician_id"),
    )
    return str(change) if change else "nothing to do"


@shared_task
def invoice_email_task(delivery_id: int) -> str:
    """Queued when billing asks for an invoice to be emailed: the message (keyed on the delivery) and its send."""
    message = services.invoice_email_queue(delivery_id=delivery_id)
    return message.get_status_display() if message else "nothing to do"


def retry_countdown(retries: int) -> int:
    """Exponential backoff, 15 s doubling to at most 5 minutes, with jitter so retries do not bunch up.

    Short on purpose: a long countdown sits unacknowledged in Redis and must stay well under the
    broker's visibility_timeout.
    """
    return min(15 * 2**retries, 300) + random.randint(0, 5)  # noqa: S311 - jitter, not a secret


# The hard limit stays under NOTIFICATIONS_SENDING_LEASE_SECONDS: past the lease a worker is surely gone.
@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=None, soft_time_limit=60, time_limit=90)
def message_send_task(self, message_id: int) -> str:
    max_retries = settings.NOTIFICATIONS_SEND_MAX_RETRIES
    try:
        message = services.message_send(message_id=message_id, final_attempt=self.request.retries >= max_retries)
    except services.TransientSendError as error:
        countdown = retry_countdown(self.request.retries)
        services.message_retry_planned(message_id=message_id, countdown=countdown)
        raise self.retry(exc=error, countdown=countdown, max_retries=max_retries) from error
    except services.MessageInFlight as in_flight:
        # A redelivery while another copy sends (or died sending): check back once the lease is over.
        countdown = int(services.sending_lease().total_seconds()) + 5
        raise self.retry(exc=in_flight, countdown=countdown, max_retries=max_retries + 2) from in_flight
    return message.status if message else "nothing to do"


@shared_task
def messages_relay_task() -> str:
    """Every minute (beat): queue again what the broker never got, settle what a dead worker left."""
    return str(services.messages_relay())


# The only tasks an OwedTask row may name: what scheduling's events owe this app.
OWED_TASKS = {
    task.name: task
    for task in (on_my_way_notify_task, visit_messages_catch_up_task, visit_change_notify_task, invoice_email_task)
}


@shared_task
def owed_task_run_task(owed_id: int) -> str:
    """Run the work an event owes, here, then forget it. Gone already: a copy of this task did it."""
    owed = OwedTask.objects.filter(pk=owed_id).first()
    if owed is None:
        return "already done"
    result = OWED_TASKS[owed.task].run(*owed.args)
    services.owed_task_done(owed_id=owed_id)
    return str(result)
