"""The demo company builder behind `manage.py seed_demo`: staff in every role, crews, customers and
jobs in every stage, the day-before messages and the job folders, all made through the real services.

Idempotent: people and crews are matched by username and name, and jobs are only added until the
company has the number asked for. `jobs=5000` makes a large data set for benchmarks.
"""

import random
from datetime import timedelta

from django.apps import apps as django_apps
from django.db import transaction

from installops.clock import company_today
from jobs.models import Job
from people.roles import sync_role_groups
from scheduling.models import Visit

from .billing_invoices import seed_invoice_states
from .billing_payments import add_receivables
from .billing_programs import seed_billing_programs
from .billing_receivables import seed_receivables
from .company import ensure_crews, ensure_finance_companies, ensure_staff, ensure_subcontractors, ensure_time_off
from .day_before import seed_day_before
from .folders import fill_demo_folders
from .jobs import make_job
from .permits import DemoPaperwork
from .progress import book_and_progress
from .slots import DemoCalendar


def build_demo_company(*, jobs: int, seed: int, stdout=None) -> str:
    """Create (or top up) the demo company to `jobs` jobs; returns a line saying what it has."""
    rng = random.Random(seed)  # noqa: S311 - made-up demo data, repeatable from its seed
    sync_role_groups(django_apps)
    staff = ensure_staff()
    crews = ensure_crews(staff)
    subcontractors = ensure_subcontractors()
    finance = ensure_finance_companies()
    existing = Job.objects.count()
    to_make = max(0, jobs - existing)
    today = company_today()
    ensure_time_off(staff, today)
    calendar = DemoCalendar(today=today, rng=rng)
    calendar.load()
    # Jurisdictions, permits, inspections, HERS and Title 24 forms in every state.
    paperwork = DemoPaperwork(by=staff["admin_office"], today=today)
    for index in range(to_make):
        with transaction.atomic():
            job = make_job(rng, index + existing, staff, crews, finance, calendar, today)
            book_and_progress(rng, job, staff, crews, subcontractors, calendar, today)
            job.refresh_from_db()
            paperwork.add(job)
            # Payments so far on an invoiced job, and a financed job's loan as far as it got.
            add_receivables(job, by=staff["accounting"], today=today)
    # Invoices in every state: drafts, emailed, on the mail queue and mailed, a credit note, a failed PDF.
    seed_invoice_states(staff=staff, rng=rng, today=today)
    # Tomorrow's confirmations and page-out, some answered, so the worklists show something.
    seed_day_before(stdout=stdout)
    # Folders for the jobs crews work on first: today's and tomorrow's visits, then the most recent.
    recent = Visit.objects.filter(starts_at__date__gte=today - timedelta(days=3)).order_by("starts_at")
    job_ids = list(dict.fromkeys(recent.values_list("job_id", flat=True)))[:40]
    jobs_by_id = Job.objects.select_related("customer", "site", "finance_company").in_bulk(job_ids)
    fill_demo_folders(jobs=[jobs_by_id[pk] for pk in job_ids], by=staff["coordinator"], rng=rng)
    # Rebates, warranty registrations and maintenance agreements on the installs done.
    seed_billing_programs(staff=staff, today=today)
    # Posted invoices in every aging bucket, payments, credits and collection notes.
    seed_receivables(by=staff["accounting"], today=today)
    return (
        f"Demo company ready: {Job.objects.count()} jobs ({to_make} added), {len(crews)} crews, "
        f"{Visit.objects.count()} visits."
    )
