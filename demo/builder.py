"""A realistic demo company: staff in every role, crews, customers and jobs in every stage.

Idempotent: people and crews are matched by username and name, and jobs are only added until the
company has the number asked for. `--jobs 5000` makes a large data set for benchmarks.
"""

import random
from collections import defaultdict
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.apps import apps as django_apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from demo.day_before import seed_day_before
from demo.folders import fill_demo_folders
from jobs import services as job_services
from jobs.choices import CALLBACK_KINDS, JobKind, JobStatus, LeadSource
from jobs.models import FinanceCompany, Job
from people.choices import EmployeeRole
from people.models import Employee
from people.roles import ROLE_GROUP, sync_role_groups
from permits import services as permit_services
from permits.choices import PermitStatus
from permits.models import Jurisdiction
from scheduling import selectors as scheduling_selectors
from scheduling import services as scheduling_services
from scheduling.choices import SubcontractorTrade
from scheduling.models import CloseoutItem, Crew, CrewWorkingHours, Skill, Subcontractor, TimeOff, Visit

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
    ("lead4", "Marcus", "Patel", EmployeeRole.LEAD_INSTALLER),
    ("installer5", "Diego", "Flores", EmployeeRole.INSTALLER),
    ("lead5", "Hannah", "Brooks", EmployeeRole.LEAD_INSTALLER),
    ("installer6", "Jamal", "Price", EmployeeRole.INSTALLER),
    ("tech", "Ben", "Castillo", EmployeeRole.TECH),
    ("tech2", "Alicia", "Moore", EmployeeRole.TECH),
]
CREWS = [
    ("Crew 1 · Ortega", "installer", ["installer", "installer2"], ["Split systems", "Ductwork", "Heat pumps"]),
    ("Crew 2 · Nguyen", "lead2", ["lead2", "installer3"], ["Split systems", "Package units", "Crane sets"]),
    ("Crew 3 · Kim", "lead3", ["lead3", "installer4"], ["Split systems", "Mini-splits", "Heat pumps", "Ductwork"]),
    ("Crew 4 · Patel", "lead4", ["lead4", "installer5"], ["Split systems", "Ductwork", "Crane sets", "Package units"]),
    ("Crew 5 · Brooks", "lead5", ["lead5", "installer6"], ["Split systems", "Heat pumps", "Mini-splits"]),
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
JURISDICTIONS = ["City of Fresno", "City of Clovis", "Madera County", "City of Sanger", "City of Selma"]
INSTALL_HOURS = 8
SERVICE_HOURS = 2
SUBCONTRACTORS = [
    ("crane", "Valley Crane & Rigging", SubcontractorTrade.CRANE, "(559) 555-0190"),
    ("insulation", "Central Valley Insulation", SubcontractorTrade.INSULATION, "(559) 555-0191"),
    ("electrical", "Sparks Electric", SubcontractorTrade.ELECTRICAL, "(559) 555-0192"),
]
KIND_NOTES = {
    JobKind.WARRANTY: "condenser fan motor failed under warranty.",
    JobKind.CORRECTION: "inspector's correction notice: disconnect height.",
    JobKind.FAILED_HERS: "duct leakage over the limit at the HERS test.",
}
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
        subcontractors = self.ensure_subcontractors()
        finance = [FinanceCompany.objects.get_or_create(name=name)[0] for name in FINANCE_COMPANIES]
        existing = Job.objects.count()
        to_make = max(0, jobs - existing)
        today = timezone.localdate()
        self.ensure_time_off(staff, today)
        calendar = DemoCalendar(today=today, rng=rng)
        calendar.load()
        for index in range(to_make):
            with transaction.atomic():
                job = self.make_job(rng, index + existing, staff, crews, finance, calendar, today)
                self.book_and_progress(rng, job, staff, crews, subcontractors, calendar, today)
        # Tomorrow's confirmations and page-out, some answered, so the worklists show something.
        seed_day_before(stdout=self.stdout)
        # Folders for the jobs crews work on first: today's and tomorrow's visits, then the most recent.
        recent = Visit.objects.filter(starts_at__date__gte=today - timedelta(days=3)).order_by("starts_at")
        job_ids = list(dict.fromkeys(recent.values_list("job_id", flat=True)))[:40]
        jobs_by_id = Job.objects.select_related("customer", "site", "finance_company").in_bulk(job_ids)
        fill_demo_folders(jobs=[jobs_by_id[pk] for pk in job_ids], by=staff["coordinator"], rng=rng)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo company ready: {Job.objects.count()} jobs ({to_make} added), {len(crews)} crews, "
                f"{Visit.objects.count()} visits."
            )
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
            # Monday to Friday, 7 to 5; Crew 3 also takes Saturday calls.
            days = range(6) if name.startswith("Crew 3") else range(5)
            for weekday in days:
                CrewWorkingHours.objects.get_or_create(
                    crew=crew, weekday=weekday, defaults={"starts": time(7), "ends": time(17)}
                )
            crews.append(crew)
        return crews

    def ensure_subcontractors(self) -> dict:
        subs = {}
        for key, name, trade, phone in SUBCONTRACTORS:
            subs[key], _ = Subcontractor.objects.get_or_create(name=name, defaults={"trade": trade, "phone": phone})
        return subs

    def ensure_time_off(self, staff, today) -> None:
        """Someone is always away in a real company: Tony Nguyen has training next Friday."""
        friday = today + timedelta(days=(4 - today.weekday()) % 7 + 7)
        zone = timezone.get_current_timezone()
        TimeOff.objects.get_or_create(
            employee=staff["lead2"].employee,
            reason="NATE certification training",
            defaults={
                "starts_at": datetime.combine(friday, time(0), tzinfo=zone),
                "ends_at": datetime.combine(friday + timedelta(days=1), time(0), tzinfo=zone),
            },
        )

    def make_job(self, rng, index, staff, crews, finance, calendar, today):
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        city, zip_code = rng.choice(CITIES)
        street = f"{rng.randint(100, 9999)} {rng.choice(STREETS)} {rng.choice(['Ave', 'St', 'Way', 'Ct', 'Dr'])}"
        kind = JobKind.INSTALL if rng.random() < 0.7 else rng.choice([k for k in JobKind if k != JobKind.INSTALL])
        target = rng.choices([s for s, _ in STAGES], weights=[w for _, w in STAGES])[0]
        financed = rng.random() < 0.35
        amount = Decimal(rng.randint(650, 2400) * 10) if kind == JobKind.INSTALL else Decimal(rng.randint(0, 60) * 10)
        coordinator = staff["coordinator"]
        original = None
        if kind in CALLBACK_KINDS and rng.random() < 0.6:
            done_installs = list(
                Job.objects.filter(kind=JobKind.INSTALL, visits__status__in=["completed", "closed_out"])
                .order_by("pk")
                .values_list("pk", flat=True)
                .distinct()
            )
            if done_installs:
                original = Job.objects.select_related("customer", "site").get(pk=rng.choice(done_installs))
        if original is not None:
            job = job_services.job_create(
                customer=original.customer,
                site=original.site,
                by=coordinator,
                kind=kind,
                original_job=original,
                sold_on=today - timedelta(days=rng.randint(1, 30)),
                salesperson=original.salesperson,
                lead_source=LeadSource.REPEAT,
                description=f"Callback on {original.number}: {KIND_NOTES[kind]}",
            )
        else:
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
                    "access_notes": rng.choice(
                        ["", "", "Gate code 4411#", "Dog in back yard", "Attic access in garage"]
                    ),
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
        job._demo_target = target
        return job

    def book_and_progress(self, rng, job, staff, crews, subcontractors, calendar, today):
        """Book the job's visit through the scheduling services and move it as far as its stage."""
        target = job._demo_target
        if target == JobStatus.SOLD:
            return
        coordinator = staff["coordinator"]
        kind = job.kind
        path = INSTALL_PATH if kind == JobKind.INSTALL else SERVICE_PATH
        final = target if target in path else rng.choice(path[:2])
        steps = path[: path.index(final) + 1]
        done = path.index(final) >= path.index(JobStatus.INSTALLED)
        if kind == JobKind.INSTALL:
            crew = self.crew_for(job, crews, rng)
            slot = calendar.take(("crew", crew.pk), past=done, hours=INSTALL_HOURS)
            assignee = {"crew": crew}
        else:
            tech = rng.choice([staff["tech"], staff["tech2"]]).employee
            slot = calendar.take(("tech", tech.pk), past=done, hours=SERVICE_HOURS)
            assignee = {"technician": tech}
        if slot is None:
            return  # the calendar is full: the job waits in the Unscheduled queue
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
        if done:
            self.dispatch_done(rng, visit, coordinator, close=path.index(final) >= path.index(JobStatus.INVOICED))
        else:
            self.dispatch_upcoming(rng, visit, coordinator, today)
        job.refresh_from_db()  # booking moved it to scheduled
        self.prepare(rng, job, steps, coordinator, today)
        for status in steps[1:]:
            job_services.job_change_status(job=job, to_status=status, by=coordinator)
        if target in (JobStatus.ON_HOLD, JobStatus.CANCELLED):
            job_services.job_change_status(
                job=job, to_status=target, by=coordinator, note="Customer asked to wait on financing."
            )

    def prepare(self, rng, job, steps, coordinator, today) -> None:
        """Permits and equipment orders as far as the job has got (a few are still missing)."""
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

    def crew_for(self, job, crews, rng):
        """The crew with the skills the job needs (a crane set goes to the crane crew)."""
        able = scheduling_selectors.crew_list_able_to_do(job)
        return rng.choice(able or crews)

    def dispatch_done(self, rng, visit, coordinator, *, close: bool) -> None:
        start = visit.starts_at
        for status, minutes in (("confirmed", -1440), ("on_my_way", -30), ("on_site", rng.randint(0, 25))):
            scheduling_services.visit_set_dispatch_status(
                visit=visit, to_status=status, by=coordinator, at=start + timedelta(minutes=minutes)
            )
        completed = visit.ends_at - timedelta(minutes=rng.randint(0, 50))
        if not close:
            scheduling_services.visit_set_dispatch_status(
                visit=visit, to_status="completed", by=coordinator, at=completed
            )
            return
        visit.refresh_from_db()
        people = list(visit.crew.members.all()) if visit.crew_id else [visit.technician]
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

    def dispatch_upcoming(self, rng, visit, coordinator, today) -> None:
        """Today's visits are under way; most of tomorrow's are confirmed."""
        day = timezone.localdate(visit.starts_at)
        now = timezone.now()
        if day == today and visit.starts_at <= now:
            line = ["confirmed", "on_my_way", "on_site", "completed"]
            for status in line[: rng.randint(1, 4)]:
                scheduling_services.visit_set_dispatch_status(visit=visit, to_status=status, by=coordinator)
        elif day <= today + timedelta(days=1) and rng.random() < 0.7:
            scheduling_services.visit_set_dispatch_status(visit=visit, to_status="confirmed", by=coordinator)


class DemoCalendar:
    """Hands out free working-day slots for crews and technicians: forward from today for booked
    work, backward from yesterday for work already done. Some days are left open on purpose, so
    the next-free-slot suggestions have something to suggest."""

    def __init__(self, *, today, rng):
        self.today = today
        self.rng = rng
        self.zone = timezone.get_current_timezone()
        self.used: dict[tuple, set] = defaultdict(set)
        self.skipped: set = set()

    def load(self) -> None:
        visits = Visit.objects.exclude(status__in=["cancelled", "rescheduled"]).values_list(
            "crew_id", "technician_id", "starts_at"
        )
        for crew_id, tech_id, starts_at in visits:
            key = ("crew", crew_id) if crew_id else ("tech", tech_id)
            local = timezone.localtime(starts_at)
            self.used[key].add((local.date(), local.time()))
        for crew_id, employee_id, starts_at, ends_at in TimeOff.objects.values_list(
            "crew_id", "employee__crews_led", "starts_at", "ends_at"
        ):
            crew = crew_id or employee_id
            day = timezone.localtime(starts_at).date()
            while crew and datetime.combine(day, time(0), tzinfo=self.zone) < ends_at:
                self.skipped.add((("crew", crew), day))
                day += timedelta(days=1)

    def take(self, key, *, past: bool, hours: int):
        starts = [time(8)] if hours == INSTALL_HOURS else [time(7, 30), time(9, 45), time(12, 30), time(14, 45)]
        step = -1 if past else 1
        day = self.today - timedelta(days=1) if past else self.today
        for _ in range(400):
            if day.weekday() < 5 and (key, day) not in self.skipped:
                if not past and self.rng.random() < 0.12:
                    self.skipped.add((key, day))  # a day kept open
                else:
                    for start in starts:
                        if (day, start) not in self.used[key]:
                            self.used[key].add((day, start))
                            begin = datetime.combine(day, start, tzinfo=self.zone)
                            return begin, begin + timedelta(hours=hours)
            day += timedelta(days=step)
        return None
