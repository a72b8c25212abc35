"""What a message says: the office's template (or the built-in one) with fresh data, at send time."""

import time
from datetime import datetime
from functools import lru_cache

from django.conf import settings
from django.template import Context, Engine, TemplateDoesNotExist, TemplateSyntaxError
from django.urls import reverse

from installops.timefmt import arrival_window_text
from scheduling.models import Visit
from scheduling.selectors import visit_people

from .. import links, selectors
from ..choices import MessageKind
from ..defaults import DEFAULT_TEMPLATES
from ..models import CrewPage, Message, MessageTemplate
from .errors import PermanentSendError
from .invoices import invoice_message_context
from .permit_digest import permit_digest_context
from .warranty_digest import warranty_digest_context

# A worker sending thousands of messages reads the wording once a while, not once a message.
TEMPLATE_CACHE_SECONDS = 30
_template_cache: dict[tuple[str, str], tuple[float, MessageTemplate | None]] = {}


def template_for(kind: str, channel: str) -> tuple[MessageTemplate | None, str, str]:
    """The office's wording for this kind and channel, or the built-in one.

    Kept per process for TEMPLATE_CACHE_SECONDS: an edit in admin is used within half a minute.
    """
    now = time.monotonic()
    cached = _template_cache.get((kind, channel))
    if cached is None or now - cached[0] > TEMPLATE_CACHE_SECONDS:
        template = MessageTemplate.objects.filter(kind=kind, channel=channel, active=True).first()
        cached = _template_cache[(kind, channel)] = (now, template)
    template = cached[1]
    if template is not None:
        return template, template.subject, template.body
    subject, body = DEFAULT_TEMPLATES[(kind, channel)]
    return None, subject, body


def template_cache_clear() -> None:
    """Forget the wording read so far: the next message reads the templates again."""
    _template_cache.clear()


def company_details() -> dict:
    """The company as messages and the customer's pages name it."""
    return {"name": settings.COMPANY_NAME, "phone": settings.COMPANY_PHONE}


def visit_arrival_text(visit: Visit) -> str:
    """The arrival window promised to the customer: 'between 8:00 a.m. and 10:00 a.m.', or ''."""
    return arrival_window_text(visit.arrival_window_start, visit.arrival_window_end)


def _visit_context(visit: Visit) -> dict:
    return {"visit": visit, "job": visit.job, "customer": visit.job.customer, "site": visit.job.site,
            "arrival": visit_arrival_text(visit)}  # fmt: skip


def _page_items(visits: list[Visit]) -> list[dict]:
    service_visits = [visit for visit in visits if visit.job.kind in selectors.SERVICE_HISTORY_KINDS]
    history = selectors.service_history_by_customer(
        customer_ids={visit.job.customer_id for visit in service_visits},
        exclude_job_ids={visit.job_id for visit in visits},
    )
    items = []
    for visit in visits:
        is_service_call = visit.job.kind in selectors.SERVICE_HISTORY_KINDS
        items.append(
            {
                **_visit_context(visit),
                "job_folder_url": links.job_folder_url(visit.job),
                "paperwork_url": links.visit_paperwork_url(visit),
                "is_service_call": is_service_call,
                "service_history": history.get(visit.job.customer_id, []) if is_service_call else [],
            }
        )
    return items


def _message_visit(message: Message) -> Visit:
    """The visit a message to the customer is about (each one is queued with its visit)."""
    if message.visit is None:
        raise PermanentSendError("The message names no visit")
    return message.visit


def message_context(message: Message) -> dict:
    """What the message's template sees, fetched fresh at send time."""
    context = {"company": company_details(), "for_date": message.for_date}
    if message.kind == MessageKind.CONFIRMATION:
        about = _message_visit(message)
        context |= _visit_context(about) | {"confirm_url": links.visit_confirm_url(about.pk)}
    elif message.kind == MessageKind.VISIT_CHANGE:
        about = _message_visit(message)
        was = message.context.get("was")
        context |= _visit_context(about) | {
            "called_off": not about.holds_time,
            "status_label": about.get_status_display().lower(),
            "was": datetime.fromisoformat(was) if was else None,
            # A new link: the customer confirms the new time, not the one they were asked about.
            "confirm_url": links.visit_confirm_url(about.pk) if about.holds_time else "",
        }
    elif message.kind == MessageKind.ON_MY_WAY:
        about = _message_visit(message)
        context |= _visit_context(about) | {"tech_name": message.context.get("tech_name") or "Our technician"}
    elif message.kind in (MessageKind.PAGE_OUT, MessageKind.PAGE_UPDATE):
        if message.crew_page_id is None:
            raise PermanentSendError("The message names no crew page")
        page = CrewPage.objects.select_related("employee__user").get(pk=message.crew_page_id)
        visits = list(selectors.visit_list_for_employee_on(employee_id=page.employee_id, day=page.for_date))
        # An update may well say the day is now empty; a first page about nothing is not sent.
        if not visits and message.kind == MessageKind.PAGE_OUT:
            raise PermanentSendError("Nothing is booked for this crew member that day any more")
        context |= {
            "member_name": page.employee.user.first_name or str(page.employee),
            "items": _page_items(visits),
            "acknowledge_url": links.page_acknowledge_url(page.pk),
        }
    elif message.kind == MessageKind.PAGE_OUT_COPY:
        booked = selectors.visit_list_for_page_out(day=message.for_date)
        visit = booked.filter(pk=message.visit_id).first() if message.visit_id is not None else None
        if visit is None:
            raise PermanentSendError("The visit is no longer booked for that day")
        context |= _visit_context(visit) | {
            "crew_names": ", ".join(str(person) for person in visit_people(visit)) or "the crew",
            "job_folder_url": links.job_folder_url(visit.job),
        }
    elif message.kind == MessageKind.PERMIT_DIGEST:
        context |= permit_digest_context(message)
    elif message.kind == MessageKind.INVOICE:
        context |= invoice_message_context(message)
    elif message.kind == MessageKind.WARRANTY_DIGEST:
        context |= warranty_digest_context(message)
    elif message.kind == MessageKind.PAGE_ESCALATION:
        context |= {
            "pages": list(selectors.page_list_unacknowledged(day=message.for_date)),
            "worklist_url": links.absolute(reverse("notifications:page_worklist") + f"?day={message.for_date}"),
        }
    return context


@lru_cache(maxsize=64)
def _compiled(source: str):
    """Parsing a template costs more than rendering it; an edited template is a new source, a new entry."""
    return Engine.get_default().from_string(source)


def message_render(message: Message) -> tuple[MessageTemplate | None, str, str]:
    template, subject_source, body_source = template_for(message.kind, message.channel)
    context = message_context(message)
    try:
        subject = _compiled(subject_source).render(Context(context, autoescape=False))
        body = _compiled(body_source).render(Context(context, autoescape=False))
    except (TemplateSyntaxError, TemplateDoesNotExist) as error:
        raise PermanentSendError(f"The message template has an error: {error}") from error
    return template, " ".join(subject.split())[:300], body.strip()
