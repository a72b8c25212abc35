"""Demo data for the day-before work: visits tomorrow, confirmations sent, some answered, pages out.

Called by `seed_demo`; idempotent like it (sweeps never send twice, answers are added once).
"""

from contextlib import suppress
from datetime import timedelta

from django.contrib.auth import get_user_model

from installops.clock import at_company_time, company_tomorrow
from installops.errors import DomainError
from jobs.choices import JobKind, JobStatus
from jobs.models import Job
from notifications import selectors, services
from notifications.choices import ConfirmationOutcome, ConfirmationSource
from notifications.models import CrewPage
from people.choices import EmployeeRole
from people.models import Employee
from scheduling.models import Crew

# Replies recorded on tomorrow's first visits; the rest stay unanswered for the call list.
DEMO_ANSWERS = [
    (ConfirmationSource.CUSTOMER_REPLY, ConfirmationOutcome.CONFIRMED, ""),
    (ConfirmationSource.CUSTOMER_REPLY, ConfirmationOutcome.RESCHEDULE_REQUESTED, "Can you come Thursday instead?"),
    (ConfirmationSource.OFFICE_CALL, ConfirmationOutcome.LEFT_VOICEMAIL, "Left a message on the home line."),
]


def _book(*, job, day, hour: int, hours: int, coordinator, **assignment) -> None:
    from scheduling.services import visit_book

    starts = at_company_time(day, f"{hour:02d}:00")
    with suppress(DomainError):  # a crew off that day simply gets no demo visit
        visit_book(
            job=job,
            starts_at=starts,
            ends_at=starts + timedelta(hours=hours),
            arrival_window_start=starts,
            arrival_window_end=starts + timedelta(hours=2),
            by=coordinator,
            override_reason="Demo booking",
            **assignment,
        )


def _book_tomorrow_for_idle_crews(*, day, coordinator) -> None:
    """Every crew has an install tomorrow and each service tech a call, so the page-out has something."""
    visits = selectors.visit_list_on(day)
    busy_crews = set(visits.values_list("crew_id", flat=True))
    busy_techs = set(visits.values_list("technician_id", flat=True))
    sold = Job.objects.filter(status=JobStatus.SOLD, visits__isnull=True).order_by("id")
    for crew, hour in zip(Crew.objects.filter(active=True).exclude(pk__in=busy_crews), (8, 9, 10, 11), strict=False):
        job = sold.filter(kind=JobKind.INSTALL).first()
        if job is not None:
            _book(job=job, day=day, hour=hour, hours=6, coordinator=coordinator, crew=crew)
    techs = Employee.objects.filter(role=EmployeeRole.TECH, active=True).exclude(pk__in=busy_techs)
    for tech, hour in zip(techs, (13, 14), strict=False):
        job = sold.exclude(kind=JobKind.INSTALL).first()
        if job is not None:
            _book(job=job, day=day, hour=hour, hours=2, coordinator=coordinator, technician=tech)


def _pair_answers(visits):
    """The demo answers on tomorrow's first visits; a request for another day goes to a job not marked
    ready, since a ready job's customer has agreed to the day (its status stays true to its facts)."""
    pairs, free = [], list(visits)
    for answer in DEMO_ANSWERS:
        fits = [
            v for v in free if answer[1] != ConfirmationOutcome.RESCHEDULE_REQUESTED or v.job.status != JobStatus.READY
        ]
        if fits:
            pairs.append((fits[0], answer))
            free.remove(fits[0])
    return pairs


def seed_day_before(*, stdout=None) -> None:
    day = company_tomorrow()
    coordinator = get_user_model().objects.filter(username="coordinator").first()
    _book_tomorrow_for_idle_crews(day=day, coordinator=coordinator)
    confirmations = services.confirmation_sweep(day=day)
    pages = services.page_out_sweep(day=day)
    visits = list(selectors.visit_list_on(day).order_by("starts_at", "id"))
    for visit, (source, outcome, note) in _pair_answers(visits):
        if visit.confirmation_events.exists():
            continue
        try:
            services.visit_confirmation_record(
                visit=visit,
                source=source,
                outcome=outcome,
                note=note,
                by=coordinator if source == ConfirmationSource.OFFICE_CALL else None,
            )
        except DomainError:
            continue
    # The leads have acknowledged tonight's page; their crews have not yet.
    for page in CrewPage.objects.filter(for_date=day, acknowledged_at__isnull=True).select_related("crew"):
        if page.crew_id and page.crew.lead_id == page.employee_id:
            services.crew_page_acknowledge(page=page)
    if stdout is not None:
        stdout.write(f"Day-before demo for {day}: confirmations {confirmations}; page-out {pages}.")
