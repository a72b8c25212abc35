"""A job ready to invoice: worked and closed out by a lead, with timecards, a unit installed and labor rates."""

from datetime import date
from decimal import Decimal

from billing.models import LaborRate, WarrantyRegistration
from jobs.choices import EquipmentKind, JobKind, JobStatus
from jobs.models import InstalledEquipment
from people.choices import EmployeeRole
from scheduling.choices import VisitStatus
from scheduling.models import Timecard
from tests.billing.program_factories import WarrantyTermsFactory
from tests.jobs.factories import JobFactory, UserFactory
from tests.people.factories import EmployeeFactory
from tests.scheduling.factories import CrewFactory, VisitFactory

LEAD_RATE = Decimal("95.00")
HELPER_RATE = Decimal("65.00")


def labor_rates() -> None:
    LaborRate.objects.update_or_create(role=EmployeeRole.LEAD_INSTALLER, defaults={"hourly_rate": LEAD_RATE})
    LaborRate.objects.update_or_create(role=EmployeeRole.INSTALLER, defaults={"hourly_rate": HELPER_RATE})


def billable_job(
    *, contract=Decimal("9000.00"), serial="SN-1001", lead_hours=Decimal("8"), helper_hours=Decimal("6.5"), **fields
):
    """A maintenance job (no permit) installed: one closed-out visit led by the crew's lead, two timecards,
    one unit recorded. Returns (job, lead employee, helper employee)."""
    labor_rates()
    job = JobFactory(kind=JobKind.MAINTENANCE, status=JobStatus.INSTALLED, contract_amount=contract, **fields)
    lead = EmployeeFactory(role=EmployeeRole.LEAD_INSTALLER, user__first_name="Ana", user__last_name="Ruiz")
    helper = EmployeeFactory(role=EmployeeRole.INSTALLER, user__first_name="Ben", user__last_name="Cole")
    crew = CrewFactory(lead=lead, members=[helper])
    visit = VisitFactory(job=job, crew=crew, status=VisitStatus.CLOSED_OUT, actual_lead=lead)
    Timecard.objects.create(visit=visit, employee=lead, hours=lead_hours)
    Timecard.objects.create(visit=visit, employee=helper, hours=helper_hours)
    unit = InstalledEquipment.objects.create(
        job=job,
        kind=EquipmentKind.CONDENSER,
        manufacturer="Carrier",
        model_number="24ACC636",
        serial_number=serial,
        warranty_years=10,
    )
    WarrantyRegistration.objects.create(
        unit=unit,
        terms=WarrantyTermsFactory(manufacturer="Carrier"),
        confirmation_number="WR-1001",
        registered_on=date(2026, 11, 3),
        registered_by=UserFactory(),
    )
    return job, lead, helper
