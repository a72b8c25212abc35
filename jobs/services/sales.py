"""Customers, their addresses and their jobs: a sale entered, a job's details edited."""

from django.db import connection, transaction
from django.utils import timezone

from installops.errors import DomainError, full_clean_or_refuse
from installops.history import history_note

from ..choices import JobStatus
from ..models import Customer, Job, JobStatusChange, Site

S = JobStatus


def _next_job_number() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval('jobs_job_number_seq')")
        (value,) = cursor.fetchone()
    return f"J{value}"


def customer_create(*, name: str, by=None, **fields) -> Customer:
    customer = Customer(name=name, **fields)
    full_clean_or_refuse(customer)
    with transaction.atomic():  # the row and its history row
        customer.save()
    return customer


def site_create(*, customer: Customer, by=None, **fields) -> Site:
    site = Site(customer=customer, **fields)
    full_clean_or_refuse(site)
    with transaction.atomic():
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
        full_clean_or_refuse(job)
        history_note(job, by=by, reason="Job entered")
        job.save()
        JobStatusChange.objects.create(
            job=job, from_status="", to_status=S.SOLD, changed_by=by, changed_at=job.status_changed_at
        )
    return job


def job_create_sale(
    *,
    customer: Customer | None = None,
    customer_fields: dict | None = None,
    site: Site | None = None,
    site_fields: dict | None = None,
    job_fields: dict,
    by=None,
) -> Job:
    """A sold job as the office enters it: for an existing customer or a new one (`customer_fields`),
    at one of their addresses or a new one (`site_fields`). All of it is saved, or none of it.

    A new customer with no billing address is billed at the new service address.
    """
    if (customer is None) == (customer_fields is None):
        raise DomainError("Pick the customer, or enter a new one.", field="customer")
    if (site is None) == (site_fields is None):
        raise DomainError("Pick the service address, or enter a new one.", field="site")
    if customer_fields is not None and site_fields and not customer_fields.get("billing_street"):
        # Most customers are billed at the house the work is done on.
        customer_fields = {
            **customer_fields,
            "billing_street": site_fields.get("street", ""),
            "billing_city": site_fields.get("city", ""),
            "billing_zip": site_fields.get("zip_code", ""),
        }
    with transaction.atomic():
        if customer is None:
            assert customer_fields is not None  # noqa: S101 - one of the two, checked above
            customer = customer_create(by=by, **customer_fields)
        if site is None:
            assert site_fields is not None  # noqa: S101 - one of the two, checked above
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
    """Edit a job's details. Status moves go through job_change_status, never through here.

    Only the edited fields are written, on a freshly locked row, so an edit made from a page opened
    before a status move cannot put the old status back.
    """
    unknown = set(changes) - set(EDITABLE_JOB_FIELDS)
    if unknown:
        raise DomainError(f"These fields cannot be edited here: {', '.join(sorted(unknown))}.")
    with transaction.atomic():
        current = Job.objects.select_for_update().get(pk=job.pk)
        if current.status in (S.CLOSED, S.CANCELLED):
            raise DomainError(f"A {current.get_status_display().lower()} job can no longer be edited.")
        for name, value in changes.items():
            setattr(current, name, value)
        if current.site.customer_id != current.customer_id:
            raise DomainError("That address belongs to another customer.", field="site")
        full_clean_or_refuse(current)
        history_note(current, by=by, reason="Details edited")
        current.save(update_fields=[*changes, "updated_at"])
    return current
