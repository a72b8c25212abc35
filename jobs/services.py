"""Every write to customers, sites and jobs goes through here."""

from django.db import connection, transaction
from django.utils import timezone

from installops.errors import DomainError

from .choices import JobKind, JobStatus
from .models import Customer, Job, JobStatusChange, Site

S = JobStatus

# The pipeline: where a job may go from each status. On hold and cancelled are reachable from any
# open status; a held job resumes where it was. Service calls need no permit and no inspection.
PIPELINE: dict[str, list[str]] = {
    S.SOLD: [S.SCHEDULED],
    S.SCHEDULED: [S.PERMITTED, S.READY, S.SOLD],
    S.PERMITTED: [S.READY],
    S.READY: [S.INSTALLED, S.SCHEDULED],
    S.INSTALLED: [S.INSPECTED, S.INVOICED],
    S.INSPECTED: [S.INVOICED],
    S.INVOICED: [S.CLOSED],
    S.CLOSED: [],
    S.ON_HOLD: [],
    S.CANCELLED: [S.SOLD],
}
HOLDABLE = {S.SOLD, S.SCHEDULED, S.PERMITTED, S.READY, S.INSTALLED, S.INSPECTED, S.INVOICED}
CANCELLABLE = {S.SOLD, S.SCHEDULED, S.PERMITTED, S.READY, S.ON_HOLD}


def _needs_permit(job: Job) -> bool:
    return job.kind == JobKind.INSTALL


def job_allowed_next_statuses(*, job: Job) -> list[str]:
    """The statuses the job can move to now, in pipeline order."""
    allowed = [job.status_before_hold or S.SOLD] if job.status == S.ON_HOLD else list(PIPELINE[job.status])
    if _needs_permit(job):
        # An install is not ready before its permit, and is inspected before it is invoiced.
        if job.status == S.SCHEDULED:
            allowed.remove(S.READY)
        if job.status == S.INSTALLED:
            allowed.remove(S.INVOICED)
    elif job.status == S.SCHEDULED:
        allowed.remove(S.PERMITTED)
    if job.status in HOLDABLE:
        allowed.append(S.ON_HOLD)
    if job.status in CANCELLABLE:
        allowed.append(S.CANCELLED)
    return allowed


def job_change_status(*, job: Job, to_status: str, by=None, note: str = "") -> Job:
    """Move a job one step along its pipeline and record who did it, when, and why."""
    with transaction.atomic():
        # Lock the row: two coordinators clicking at once must not both pass the check.
        job = Job.objects.select_for_update().get(pk=job.pk)
        if to_status not in job_allowed_next_statuses(job=job):
            raise DomainError(
                f"A {job.get_status_display().lower()} job cannot move to "
                f"“{S(to_status).label if to_status in S.values else to_status}”.",
                field="to_status",
            )
        if to_status in (S.ON_HOLD, S.CANCELLED) and not note.strip():
            raise DomainError("Say why the job is put on hold or cancelled.", field="note")

        from_status = job.status
        now = timezone.now()
        job.status_before_hold = from_status if to_status == S.ON_HOLD else ""
        job.status = to_status
        job.status_changed_at = now
        job._change_reason = note or f"{from_status} → {to_status}"
        job.save(update_fields=["status", "status_before_hold", "status_changed_at", "updated_at"])
        JobStatusChange.objects.create(
            job=job, from_status=from_status, to_status=to_status, changed_by=by, changed_at=now, note=note
        )
    return job


def _next_job_number() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval('jobs_job_number_seq')")
        (value,) = cursor.fetchone()
    return f"J{value}"


def customer_create(*, name: str, by=None, **fields) -> Customer:
    customer = Customer(name=name, **fields)
    customer.full_clean()
    customer.save()
    return customer


def site_create(*, customer: Customer, by=None, **fields) -> Site:
    site = Site(customer=customer, **fields)
    site.full_clean()
    site.save()
    return site


def job_create(*, customer: Customer, site: Site, by=None, **fields) -> Job:
    """Record a sold job (or a service call). It starts in "sold" with a first history row."""
    if site.customer_id != customer.pk:
        raise DomainError("That address belongs to another customer.", field="site")
    with transaction.atomic():
        job = Job(customer=customer, site=site, number=_next_job_number(), **fields)
        job.status = S.SOLD
        job.status_changed_at = timezone.now()
        job.full_clean()
        job._change_reason = "Job entered"
        job.save()
        JobStatusChange.objects.create(
            job=job, from_status="", to_status=S.SOLD, changed_by=by, changed_at=job.status_changed_at
        )
    return job


def job_create_for_new_customer(*, customer_fields: dict, site_fields: dict, job_fields: dict, by=None) -> Job:
    """A sold job from a customer the office has never seen: customer, address and job in one go."""
    if not customer_fields.get("billing_street"):
        # Most customers are billed at the house the work is done on.
        customer_fields = {
            **customer_fields,
            "billing_street": site_fields.get("street", ""),
            "billing_city": site_fields.get("city", ""),
            "billing_zip": site_fields.get("zip_code", ""),
        }
    with transaction.atomic():
        customer = customer_create(by=by, **customer_fields)
        site = site_create(customer=customer, by=by, **site_fields)
        return job_create(customer=customer, site=site, by=by, **job_fields)


EDITABLE_JOB_FIELDS = [
    "kind",
    "site",
    "original_job",
    "sold_on",
    "salesperson",
    "lead_source",
    "primary_tech",
    "contract_amount",
    "finance_company",
    "finance_approved_amount",
    "title24",
    "home_performance",
    "equipment_proposed",
    "rebates_note",
    "description",
    "equipment_ordered_on",
]


def job_update(*, job: Job, by=None, **changes) -> Job:
    """Edit a job's details. Status moves go through job_change_status, never through here."""
    unknown = set(changes) - set(EDITABLE_JOB_FIELDS)
    if unknown:
        raise DomainError(f"These fields cannot be edited here: {', '.join(sorted(unknown))}.")
    if job.status in (S.CLOSED, S.CANCELLED):
        raise DomainError(f"A {job.get_status_display().lower()} job can no longer be edited.")
    with transaction.atomic():
        for name, value in changes.items():
            setattr(job, name, value)
        if job.site.customer_id != job.customer_id:
            raise DomainError("That address belongs to another customer.", field="site")
        job.full_clean()
        job._change_reason = "Details edited"
        job.save()
    return job
