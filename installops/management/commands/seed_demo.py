"""A realistic demo company: staff in every role, crews, customers and jobs in every stage.

Idempotent: people and crews are matched by username and name, and jobs are only added until the
company has the number asked for. `--jobs 5000` makes a large data set for benchmarks.
"""

import random
from datetime import datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.apps import apps as django_apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from installops.roles import ROLE_GROUP, sync_role_groups
from jobs import services as job_services
from jobs.choices import JobKind, JobStatus, LeadSource
from jobs.models import FinanceCompany, Job
from notifications.demo import seed_day_before
from scheduling.choices import EmployeeRole
from scheduling.models import Crew, Employee, Skill, Visit

from ._demo_folders import fill_demo_folders

DEMO_PASSWORD = "demo-pass-2026"

# username, first, last, role
STAFF = [
    ("coordinator", "Dana", "Whitfield", EmployeeRole.COORDINATOR),
    ("admin_office", "Rosa", "Delgado", EmployeeRole.COORDINATOR),
    ("accounting", "Priya", "Raman", EmployeeRole.ACCOUNTING),
    ("sales", "Mark", "Ostrowski", EmployeeRole.SALESPERSON),
    ("sales2", "Jenna", "Cole", EmployeeRole.SALESPERSON),
    ("installer", "Luis", "Ortega", EmployeeRole.LEAD_INSTALLER),
    ("installer2", "Kyle", "Brandt", EmployeeRole.INSTALLER),
    ("lead2", "Tony", "Nguyen", EmployeeRole.LEAD_INSTALLER),
    ("installer3", "Sam", "Reyes", EmployeeRole.INSTALLER),
    ("lead3", "Grace", "Kim", EmployeeRole.LEAD_INSTALLER),
    ("installer4", "Omar", "Haddad", EmployeeRole.INSTALLER),
    ("tech", "Ben", "Castillo", EmployeeRole.TECH),
    ("tech2", "Alicia", "Moore", EmployeeRole.TECH),
]
CREWS = [
    ("Crew 1 · Ortega", "installer", ["installer", "installer2"], ["Split systems", "Ductwork", "Heat pumps"]),
    ("Crew 2 · Nguyen", "lead2", ["lead2", "installer3"], ["Split systems", "Package units", "Crane sets"]),
    ("Crew 3 · Kim", "lead3", ["lead3", "installer4"], ["Mini-splits", "Heat pumps", "Ductwork"]),
]
FINANCE_COMPANIES = ["GreenSky", "Wells Fargo Home Projects", "Service Finance Co."]
FIRST_NAMES = [
    "Maria",
    "James",
    "Linda",
    "Robert",
    "Patricia",
    "Michael",
    "Susan",
    "David",
    "Karen",
    "Daniel",
    "Nancy",
    "Paul",
    "Lisa",
    "Steven",
    "Betty",
    "Kevin",
    "Helen",
    "Jason",
    "Sandra",
    "Eric",
    "Donna",
    "Gary",
    "Carol",
    "Ryan",
    "Ruth",
]
LAST_NAMES = [
    "Garcia",
    "Smith",
    "Johnson",
    "Lee",
    "Martinez",
    "Brown",
    "Davis",
    "Lopez",
    "Wilson",
    "Anderson",
    "Thomas",
    "Taylor",
    "Moore",
    "Jackson",
    "Martin",
    "Thompson",
    "White",
    "Harris",
    "Clark",
    "Lewis",
    "Robinson",
    "Walker",
    "Young",
    "Allen",
    "Wright",
]
STREETS = [
    "Oak",
    "Maple",
    "Cedar",
    "Shaw",
    "Herndon",
    "Bullard",
    "Palm",
    "Fig",
    "Cherry",
    "Willow",
    "Sierra",
    "Olive",
    "Ashlan",
    "Barstow",
    "Alluvial",
]
CITIES = [("Fresno", "93711"), ("Clovis", "93612"), ("Madera", "93637"), ("Sanger", "93657"), ("Selma", "93662")]
EQUIPMENT = [
    "Carrier 24ACC636 3-ton AC\nCarrier 59SC5A80 furnace\nEcobee thermostat",
    "Trane XR16 4-ton heat pump\nTrane air handler TEM6\nNew return plenum",
    "Lennox EL16XC1 3.5-ton AC\nLennox EL296V furnace\nR-8 duct change-out",
    "Mitsubishi MXZ-3C24 multi-zone\n3 wall heads",
    "Goodman GSXH5 5-ton AC\nGoodman GMVC96 furnace\nCrane lift to roof",
]
# How far along the pipeline each demo job gets, and how often.
STAGES = [
    (JobStatus.SOLD, 14),
    (JobStatus.SCHEDULED, 14),
    (JobStatus.PERMITTED, 12),
    (JobStatus.READY, 12),
    (JobStatus.INSTALLED, 12),
    (JobStatus.INSPECTED, 10),
    (JobStatus.INVOICED, 10),
    (JobStatus.CLOSED, 10),
    (JobStatus.ON_HOLD, 3),
    (JobStatus.CANCELLED, 3),
]
INSTALL_PATH = [JobStatus.SCHEDULED, JobStatus.PERMITTED, JobStatus.READY, JobStatus.INSTALLED,
                JobStatus.INSPECTED, JobStatus.INVOICED, JobStatus.CLOSED]  # fmt: skip
SERVICE_PATH = [JobStatus.SCHEDULED, JobStatus.READY, JobStatus.INSTALLED, JobStatus.INVOICED, JobStatus.CLOSED]


class Command(BaseCommand):
    help = "Create (or top up) the demo company: staff, crews, customers and jobs in every stage."

    def add_arguments(self, parser):
        parser.add_argument("--jobs", type=int, default=300, help="How many jobs the company should have.")
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, jobs: int, seed: int, **options):
        rng = random.Random(seed)
        sync_role_groups(django_apps)
        staff = self.ensure_staff()
        crews = self.ensure_crews(staff)
        finance = [FinanceCompany.objects.get_or_create(name=name)[0] for name in FINANCE_COMPANIES]
        existing = Job.objects.count()
        to_make = max(0, jobs - existing)
        zone = ZoneInfo(settings.TIME_ZONE)
        today = timezone.localdate()
        crew_past = self.crew_counters(crews, past=True, today=today)
        crew_future = self.crew_counters(crews, past=False, today=today)
        for index in range(to_make):
            with transaction.atomic():
                self.make_job(rng, index + existing, staff, crews, finance, crew_past, crew_future, zone, today)
        # Tomorrow's confirmations and page-out, some answered, so the worklists show something.
        seed_day_before(stdout=self.stdout)
        # Folders for the jobs crews work on first: today's and tomorrow's visits, then the most recent.
        recent = Visit.objects.filter(starts_at__date__gte=today - timedelta(days=3)).order_by("starts_at")
        job_ids = list(dict.fromkeys(recent.values_list("job_id", flat=True)))[:40]
        jobs_by_id = Job.objects.select_related("customer", "site", "finance_company").in_bulk(job_ids)
        fill_demo_folders(jobs=[jobs_by_id[pk] for pk in job_ids], by=staff["coordinator"], rng=rng)
        self.stdout.write(
            self.style.SUCCESS(f"Demo company ready: {Job.objects.count()} jobs ({to_make} added), {len(crews)} crews.")
        )

    def ensure_staff(self) -> dict:
        User = get_user_model()
        staff = {}
        admin, created = User.objects.get_or_create(
            username="admin", defaults={"first_name": "Office", "last_name": "Admin", "email": "admin@example.com"}
        )
        if created or not admin.is_superuser:
            admin.is_staff = admin.is_superuser = True
            admin.set_password(DEMO_PASSWORD)
            admin.save()
        for username, first, last, role in STAFF:
            user, created = User.objects.get_or_create(
                username=username,
                defaults={"first_name": first, "last_name": last, "email": f"{username}@example.com"},
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save()
            Employee.objects.get_or_create(user=user, defaults={"role": role, "phone": f"(559) 555-01{len(staff):02d}"})
            user.groups.add(Group.objects.get(name=ROLE_GROUP[role]))
            staff[username] = user
        return staff

    def ensure_crews(self, staff) -> list[Crew]:
        crews = []
        for name, lead, members, skills in CREWS:
            crew, _ = Crew.objects.get_or_create(name=name, defaults={"lead": staff[lead].employee})
            crew.members.add(*[staff[m].employee for m in members])
            crew.skills.add(*[Skill.objects.get_or_create(name=s)[0] for s in skills])
            crews.append(crew)
        return crews

    def crew_counters(self, crews, *, past: bool, today) -> dict[int, int]:
        """How many days each crew is already booked back (past) or ahead (future), for re-runs."""
        counters = {}
        for crew in crews:
            visits = Visit.objects.filter(crew=crew)
            if past:
                counters[crew.pk] = visits.filter(starts_at__date__lt=today).count()
            else:
                counters[crew.pk] = visits.filter(starts_at__date__gte=today).count()
        return counters

    def make_job(self, rng, index, staff, crews, finance, crew_past, crew_future, zone, today):
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        city, zip_code = rng.choice(CITIES)
        street = f"{rng.randint(100, 9999)} {rng.choice(STREETS)} {rng.choice(['Ave', 'St', 'Way', 'Ct', 'Dr'])}"
        kind = JobKind.INSTALL if rng.random() < 0.7 else rng.choice([k for k in JobKind if k != JobKind.INSTALL])
        target = rng.choices([s for s, _ in STAGES], weights=[w for _, w in STAGES])[0]
        financed = rng.random() < 0.35
        amount = Decimal(rng.randint(650, 2400) * 10) if kind == JobKind.INSTALL else Decimal(rng.randint(0, 60) * 10)
        coordinator = staff["coordinator"]
        job = job_services.job_create_for_new_customer(
            customer_fields={
                "name": name,
                "phone": f"(559) 555-{rng.randint(1000, 9999)}",
                "email": f"{name.lower().replace(' ', '.')}{index}@example.com",
                "billing_street": street,
                "billing_city": city,
                "billing_zip": zip_code,
                "sms_opt_out": rng.random() < 0.05,
            },
            site_fields={
                "street": street,
                "city": city,
                "zip_code": zip_code,
                "access_notes": rng.choice(["", "", "Gate code 4411#", "Dog in back yard", "Attic access in garage"]),
            },
            job_fields={
                "kind": kind,
                "sold_on": today - timedelta(days=rng.randint(1, 120)),
                "salesperson": rng.choice([staff["sales"], staff["sales2"]]),
                "lead_source": rng.choice(LeadSource.values),
                "primary_tech": rng.choice([staff["installer"], staff["lead2"], staff["lead3"]]),
                "contract_amount": amount,
                "finance_company": rng.choice(finance) if financed else None,
                "finance_approved_amount": amount if financed else None,
                "title24": kind == JobKind.INSTALL and rng.random() < 0.8,
                "home_performance": kind == JobKind.INSTALL and rng.random() < 0.15,
                "equipment_proposed": rng.choice(EQUIPMENT) if kind == JobKind.INSTALL else "",
                "description": "Change-out of the existing system." if kind == JobKind.INSTALL else "Service call.",
            },
            by=coordinator,
        )
        if target == JobStatus.SOLD:
            return
        path = INSTALL_PATH if kind == JobKind.INSTALL else SERVICE_PATH
        final = target if target in path else rng.choice(path[:2])
        steps = path[: path.index(final) + 1]
        # Jobs past "installed" had their visit in the past; the rest are booked in the coming weeks,
        # one job a day per crew so nothing overlaps.
        crew = rng.choice(crews)
        done = path.index(final) >= path.index(JobStatus.INSTALLED)
        counter = crew_past if done else crew_future
        offset = counter[crew.pk]
        counter[crew.pk] += 1
        visit_day = today - timedelta(days=offset + 1) if done else today + timedelta(days=offset)
        starts = datetime.combine(visit_day, time(8), tzinfo=zone)
        hours = 8 if kind == JobKind.INSTALL else 2
        Visit.objects.create(
            job=job,
            crew=crew,
            starts_at=starts,
            ends_at=starts + timedelta(hours=hours),
            arrival_window_start=starts,
            arrival_window_end=starts + timedelta(hours=2),
            status="completed" if done else "scheduled",
        )
        for status in steps:
            job_services.job_change_status(job=job, to_status=status, by=coordinator)
        if target in (JobStatus.ON_HOLD, JobStatus.CANCELLED):
            job_services.job_change_status(
                job=job, to_status=target, by=coordinator, note="Customer asked to wait on financing."
            )
