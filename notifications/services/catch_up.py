"""A visit booked or moved into tomorrow after the day's sweeps ran still gets its messages."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from installops.clock import at_company_time, company_tomorrow

from .. import selectors
from .confirmations import confirmation_sweep
from .page_outs import page_out_sweep


def visit_messages_catch_up(*, visit_id: int, confirm: bool = True) -> None:
    """A visit booked or moved into tomorrow after today's sweeps ran still gets its confirmation and
    its page-out now (both idempotent), instead of never.

    `confirm=False` when the customer was just sent the new time with a confirmation link. Crew members
    already paged for tomorrow are not paged again (their page's key is per member and day).
    """
    day = company_tomorrow()
    visit = selectors.visit_list_on(day).filter(pk=visit_id).first()
    if visit is None:
        return
    now = timezone.now()
    today = day - timedelta(days=1)
    if confirm and now >= at_company_time(today, settings.NOTIFICATIONS_CONFIRMATIONS_AT):
        confirmation_sweep(day=day, visit_ids=[visit_id])
    if now >= at_company_time(today, settings.NOTIFICATIONS_PAGE_OUT_AT):
        page_out_sweep(day=day)
