"""Thin tasks: the service does the work."""

from datetime import date

from celery import shared_task

from installops.daily_runs import records_daily_run

from . import services


@shared_task
@records_daily_run
def agreement_expire_lapsed_task(day: str | None = None) -> str:
    """Agreements whose term ended are marked expired; a second run finds nothing left to mark."""
    changed = services.agreement_expire_lapsed(today=date.fromisoformat(day) if day else None)
    return f"{changed} expired"
