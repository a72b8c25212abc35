"""A demo job moved as far as its stage through the real services: its visit booked (and the
subcontractors it needs), permit and equipment order, the visit dispatched, completed or closed out,
its final inspection passed, then the job's status changes."""

from datetime import timedelta
from decimal import Decimal
from functools import cache

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.html import escape

from installops.clock import company_date
from installops.pdf import html_to_pdf
from jobs import selectors as job_selectors
from jobs import services as job_services
from jobs.choices import DocumentCategory, JobKind, JobStatus
from permits import selectors as permit_selectors
from permits import services as permit_services
from permits.choices import InspectionKind, InspectionRequestedVia, InspectionStatus, PermitStatus
from permits.models import Jurisdiction
from scheduling import selectors as scheduling_selectors
from scheduling import services as scheduling_services
from scheduling.choices import VisitStatus
from scheduling.models import CloseoutItem

from .billing_invoices import invoice_and_post
from .billing_payments import pay_in_full
from .permits import close_paperwork
from .slots import INSTALL_HOURS, SERVICE_HOURS
from .title24 import title24_paperwork

INSTALL_PATH = [JobStatus.SCHEDULED, JobStatus.PERMITTED, JobStatus.READY, JobStatus.INSTALLED,
                JobStatus.INSPECTED, JobStatus.INVOICED, JobStatus.CLOSED]  # fmt: skip
JURISDICTIONS = ["City of Fresno", "City of Clovis", "Madera County", "City of Sanger", "City of Selma"]
SERVICE_PATH = [JobStatus.SCHEDULED, JobStatus.READY, JobStatus.INSTALLED, JobStatus.INVOICED, JobStatus.CLOSED]


def book_and_progress(rng, job, staff, crews, subcontractors, calendar, today):
    """Book the job's visit through the scheduling services and move it as far as its stage.

    Only as far as the facts go: the permit and the paperwork come before Permitted and Ready, the
    visit is confirmed before Ready, and Installed is never set by hand (the visit completed moves
    the job there); Invoiced and Closed are accounting's moves, Closed after the close-out.
    """
    target = job.demo_target
    if target == JobStatus.SOLD:
        return
    coordinator = staff["coordinator"]
    kind = job.kind
    path = INSTALL_PATH if kind == JobKind.INSTALL else SERVICE_PATH
    final = target if target in path else rng.choice(path[:2])
    steps = path[: path.index(final) + 1]
    done = path.index(final) >= path.index(JobStatus.INSTALLED)
    if kind == JobKind.INSTALL:
        crew = crew_for(job, crews, rng)
        slot = calendar.take(("crew", crew.pk), past=done, hours=INSTALL_HOURS)
        assignee = {"crew": crew}
    else:
        tech = rng.choice([staff["tech"], staff["tech2"]]).employee
        slot = calendar.take(("tech", tech.pk), past=done, hours=SERVICE_HOURS)
        assignee = {"technician": tech}
    if slot is None:
        return  # the calendar is full: the job waits in the Unscheduled queue
    prepare(rng, job, steps, coordinator, today)
    starts_at, ends_at = slot
    visit = scheduling_services.visit_book(
        job=job,
        starts_at=starts_at,
        ends_at=ends_at,
        arrival_window_start=starts_at,
        arrival_window_end=starts_at + timedelta(hours=2),
        by=coordinator,
        estimated_hours=Decimal(INSTALL_HOURS if kind == JobKind.INSTALL else SERVICE_HOURS),
        **assignee,
    )
    if "Crane" in job.equipment_proposed and not done:
        scheduling_services.subcontractor_booking_create(
            job=job, subcontractor=subcontractors["crane"], starts_at=starts_at - timedelta(hours=1),
            ends_at=starts_at + timedelta(hours=1), notes="Set the condenser on the roof.", by=coordinator,
        )  # fmt: skip
    if job.home_performance and not done:
        scheduling_services.subcontractor_booking_create(
            job=job, subcontractor=subcontractors["insulation"], starts_at=ends_at - timedelta(hours=3),
            ends_at=ends_at, notes="Attic insulation to R-38.", by=coordinator,
        )  # fmt: skip
    if JobStatus.READY in steps:
        confirm(visit, coordinator)
    for status in steps:
        if status in (JobStatus.PERMITTED, JobStatus.READY):
            job_services.job_change_status(job=job, to_status=status, by=coordinator)
    if target in (JobStatus.ON_HOLD, JobStatus.CANCELLED):
        # Held or called off before the crew went out: its visit is released with it.
        job_services.job_change_status(
            job=job, to_status=target, by=coordinator, note="Customer asked to wait on financing."
        )
        return
    if done:
        dispatch_done(rng, visit, coordinator, close=path.index(final) >= path.index(JobStatus.INVOICED))
    else:
        dispatch_upcoming(rng, visit, coordinator, today)
    title24_paperwork(rng, job, visit, coordinator, steps=steps)
    for status in steps[steps.index(JobStatus.INSTALLED) + 1 :] if done else []:
        if status == JobStatus.INSPECTED:
            # The passed final moves the job to Inspected by itself when nothing else is missing.
            pass_final_inspection(job, visit, coordinator, today)
            job.refresh_from_db()
            if job.status == JobStatus.INSPECTED:
                continue
        if status == JobStatus.INVOICED:
            # Accounting posts the invoice, which moves the job to Invoiced.
            visit.refresh_from_db()
            day = min(today, company_date(visit.completed_at or visit.ends_at) + timedelta(days=1))
            if invoice_and_post(job, by=staff["accounting"], rng=rng, day=day) is None:
                break
            job.refresh_from_db()
            continue
        by = staff["accounting"] if status == JobStatus.CLOSED else coordinator
        if status == JobStatus.CLOSED:
            # Paid in full: the payment (or the loan funded) closes the job by itself.
            pay_in_full(job, by=by, today=today)
            job.refresh_from_db()
            if job.status == JobStatus.CLOSED:
                continue
        job_services.job_change_status(job=job, to_status=status, by=by)
    if done and JobStatus.INSPECTED in steps:
        # The permit finaled and its packet mailed: what the office files once the job is inspected.
        close_paperwork(job, by=coordinator, today=today)


def pass_final_inspection(job, visit, coordinator, today) -> None:
    """The crew asked for the final from the site; the office booked it a few days on and it passed."""
    day = min(company_date(visit.ends_at) + timedelta(days=3), today)
    inspection = permit_services.inspection_request(
        job=job, kind=InspectionKind.FINAL, by=coordinator, via=InspectionRequestedVia.OFFICE
    )
    inspection = permit_services.inspection_book(
        inspection=inspection, by=coordinator, scheduled_on=day, window="8–12", inspector="Building inspector"
    )
    permit_services.inspection_record_result(
        inspection=inspection, by=coordinator, result=InspectionStatus.PASSED, result_on=day
    )


def confirm(visit, coordinator) -> None:
    """The customer confirmed the day before (or now, for a visit still more than a day off)."""
    day_before = visit.starts_at - timedelta(days=1)
    at = day_before if day_before < timezone.now() else None
    scheduling_services.visit_set_dispatch_status(visit=visit, to_status=VisitStatus.CONFIRMED, by=coordinator, at=at)


def prepare(rng, job, steps, coordinator, today) -> None:
    """Permits, equipment orders and paperwork as far as the job has got (a few are still missing)."""
    if JobStatus.READY in steps:
        add_required_paperwork(job, coordinator)
    if job.kind != JobKind.INSTALL:
        return
    jurisdiction = Jurisdiction.objects.get_or_create(name=rng.choice(JURISDICTIONS))[0]
    permitted = JobStatus.PERMITTED in steps or rng.random() < 0.5
    if permitted:
        permit_services.permit_create(
            job=job, jurisdiction=jurisdiction, by=coordinator, status=PermitStatus.ISSUED,
            number=f"B{today:%y}-{job.pk:05d}", applied_on=job.sold_on, issued_on=job.sold_on + timedelta(days=5),
        )  # fmt: skip
    else:
        permit_services.permit_create(
            job=job, jurisdiction=jurisdiction, by=coordinator, applied_on=job.sold_on + timedelta(days=1)
        )
    if JobStatus.READY in steps or rng.random() < 0.6:
        job_services.job_update(job=job, by=coordinator, equipment_ordered_on=job.sold_on + timedelta(days=2))


def add_required_paperwork(job, coordinator) -> None:
    """The paperwork a ready job's kind requires, one short PDF each (rendered once per category)."""
    labels = set(job_selectors.job_paperwork_missing(job=job))
    for category in DocumentCategory:
        if category.label in labels:
            upload = SimpleUploadedFile(f"{category}.pdf", _paperwork_pdf(category.label))
            job_services.document_upload(
                job=job, category=category, upload=upload, by=coordinator, title=category.label
            )


@cache
def _paperwork_pdf(title: str) -> bytes:
    return html_to_pdf(f"<html><body><h1>{escape(title)}</h1><p>Signed and on file.</p></body></html>")


def crew_for(job, crews, rng):
    """The crew with the skills the job needs (a crane set goes to the crane crew).

    Only the demo's own crews: its calendar knows their bookings, not those of crews that other data
    (a benchmark's, say) put in the same database.
    """
    own = {crew.pk for crew in crews}
    able = [crew for crew in scheduling_selectors.crew_list_able_to_do(job) if crew.pk in own]
    return rng.choice(able or crews)


def dispatch_done(rng, visit, coordinator, *, close: bool) -> None:
    start = visit.starts_at
    visit.refresh_from_db()
    for status, minutes in (
        (VisitStatus.CONFIRMED, -1440),
        (VisitStatus.ON_MY_WAY, -30),
        (VisitStatus.ON_SITE, rng.randint(0, 25)),
    ):
        if status == VisitStatus.CONFIRMED and visit.status == VisitStatus.CONFIRMED:
            continue
        scheduling_services.visit_set_dispatch_status(
            visit=visit, to_status=status, by=coordinator, at=start + timedelta(minutes=minutes)
        )
    completed = visit.ends_at - timedelta(minutes=rng.randint(0, 50))
    if not close:
        scheduling_services.visit_set_dispatch_status(
            visit=visit, to_status=VisitStatus.COMPLETED, by=coordinator, at=completed
        )
        return
    visit.refresh_from_db()
    people = scheduling_selectors.visit_people(visit)
    lead = visit.crew.lead if visit.crew_id else visit.technician
    hours = Decimal((completed - visit.on_site_at).total_seconds() / 3600).quantize(Decimal("0.25"))
    scheduling_services.visit_record_closeout(
        visit=visit,
        by=coordinator,
        on_site_at=visit.on_site_at,
        completed_at=completed,
        ticked_item_ids=list(CloseoutItem.objects.filter(kind=visit.job.kind).values_list("pk", flat=True)),
        hours_by_employee=dict.fromkeys(people, hours),
        actual_lead=lead,
        close=True,
    )


def dispatch_upcoming(rng, visit, coordinator, today) -> None:
    """Today's visits are under way; most of tomorrow's are confirmed."""
    day = company_date(visit.starts_at)
    now = timezone.now()
    visit.refresh_from_db()
    if day == today and visit.starts_at <= now:
        line = [VisitStatus.CONFIRMED, VisitStatus.ON_MY_WAY, VisitStatus.ON_SITE, VisitStatus.COMPLETED]
        # An install still waiting for its permit stays confirmed: the crew may not start it.
        steps = rng.randint(1, 4)
        if permit_selectors.permit_start_refusal(job=visit.job):
            steps = 1
        for status in line[:steps]:
            if status == VisitStatus.CONFIRMED and visit.status == VisitStatus.CONFIRMED:
                continue
            scheduling_services.visit_set_dispatch_status(visit=visit, to_status=status, by=coordinator)
    elif visit.status == VisitStatus.SCHEDULED and day <= today + timedelta(days=1) and rng.random() < 0.7:
        scheduling_services.visit_set_dispatch_status(visit=visit, to_status=VisitStatus.CONFIRMED, by=coordinator)
