"""Demo jobs: a sold job for a new customer, or a callback on an installed one, each with the stage of
the pipeline it should reach (`demo.progress` takes it there)."""

from datetime import timedelta
from decimal import Decimal

from jobs import services as job_services
from jobs.choices import CALLBACK_KINDS, JobKind, JobStatus, LeadSource
from jobs.models import Job
from scheduling.choices import VisitStatus

from .customers import CITIES, FIRST_NAMES, LAST_NAMES, STREETS

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
KIND_NOTES = {
    JobKind.WARRANTY: "condenser fan motor failed under warranty.",
    JobKind.CORRECTION: "inspector's correction notice: disconnect height.",
    JobKind.FAILED_HERS: "duct leakage over the limit at the HERS test.",
}


def make_job(rng, index, staff, crews, finance, calendar, today):
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
            Job.objects.filter(kind=JobKind.INSTALL, visits__status__in=[VisitStatus.COMPLETED, VisitStatus.CLOSED_OUT])
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
        job = job_services.job_create_sale(
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
    job.demo_target = target
    return job
