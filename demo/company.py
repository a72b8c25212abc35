"""The demo company's people and resources: staff in every role, crews with their skills and working
hours, subcontractors, finance companies and someone's time off.

Matched by username and name, so a second run adds nothing.
"""

from datetime import time, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from installops.clock import at_company_time
from jobs.models import FinanceCompany
from people.choices import EmployeeRole
from people.models import Employee
from people.roles import ROLE_GROUP
from scheduling.choices import SubcontractorTrade
from scheduling.models import Crew, CrewWorkingHours, Skill, Subcontractor, TimeOff

DEMO_PASSWORD = "demo-pass-2026"  # noqa: S105 - the published demo sign-in, local and test settings only

# username, first, last, role
STAFF = [
    ("coordinator", "Dana", "Whitfield", EmployeeRole.COORDINATOR),
    ("admin_office", "Rosa", "Delgado", EmployeeRole.INSTALL_ADMIN),
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
SUBCONTRACTORS = [
    ("crane", "Valley Crane & Rigging", SubcontractorTrade.CRANE, "(559) 555-0190"),
    ("insulation", "Central Valley Insulation", SubcontractorTrade.INSULATION, "(559) 555-0191"),
    ("electrical", "Sparks Electric", SubcontractorTrade.ELECTRICAL, "(559) 555-0192"),
]


def ensure_staff() -> dict:
    user_model = get_user_model()
    staff = {}
    admin, created = user_model.objects.get_or_create(
        username="admin", defaults={"first_name": "Office", "last_name": "Admin", "email": "admin@example.com"}
    )
    if created or not admin.is_superuser:
        admin.is_staff = admin.is_superuser = True
        admin.set_password(DEMO_PASSWORD)
        admin.save()
    for username, first, last, role in STAFF:
        user, created = user_model.objects.get_or_create(
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


def ensure_crews(staff) -> list[Crew]:
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


def ensure_subcontractors() -> dict:
    subs = {}
    for key, name, trade, phone in SUBCONTRACTORS:
        subs[key], _ = Subcontractor.objects.get_or_create(name=name, defaults={"trade": trade, "phone": phone})
    return subs


def ensure_time_off(staff, today) -> None:
    """Someone is always away in a real company: Tony Nguyen has training next Friday."""
    friday = today + timedelta(days=(4 - today.weekday()) % 7 + 7)
    TimeOff.objects.get_or_create(
        employee=staff["lead2"].employee,
        reason="NATE certification training",
        defaults={
            "starts_at": at_company_time(friday, time(0)),
            "ends_at": at_company_time(friday + timedelta(days=1), time(0)),
        },
    )


def ensure_finance_companies() -> list[FinanceCompany]:
    return [FinanceCompany.objects.get_or_create(name=name)[0] for name in FINANCE_COMPANIES]
