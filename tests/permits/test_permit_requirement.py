"""Which jobs need a permit: the kind, the equipment sold and the office's exemption, the same in Python
and in SQL, and the lifecycle condition and the readiness flag following the same rule."""

import pytest

from jobs import lifecycle
from jobs.choices import JobKind, JobStatus
from jobs.models import Job
from jobs.readiness import readiness_annotate, readiness_missing
from jobs.services import job_allowed_next_statuses
from jobs.services.lifecycle import job_resume_status
from permits import selectors, services
from permits.lifecycle import permit_not_issued
from tests.jobs.factories import JobFactory
from tests.lifecycle_facts import issue_permit, job_with_facts

pytestmark = [pytest.mark.django_db, pytest.mark.company_time("2026-11-27 10:00")]

EQUIPMENT = [
    ("Carrier 3-ton AC\nCarrier 80% furnace", True),
    ("Mitsubishi MXZ-3C24 multi-zone\n3 wall heads", True),
    ("", True),  # nothing written down yet: the office finds out with the permit
    ("Ecobee thermostat", False),
    ("Ecobee THERMOSTAT\n\n  MERV 13 media filter  \n", False),
    ("Honeywell thermostat\nTrane 4-ton heat pump", True),
    ("UV light\nAir purifier", False),
]


@pytest.mark.parametrize(("equipment", "needed"), EQUIPMENT)
def test_an_install_needs_a_permit_unless_it_sells_only_controls_and_air_cleaning(equipment, needed):
    job = JobFactory(equipment_proposed=equipment)
    assert selectors.permit_requirement(job).needed is needed
    # The SQL rule (readiness flags) says the same.
    assert Job.objects.filter(selectors.permit_needed_q("pk"), pk=job.pk).exists() is needed


@pytest.mark.parametrize("kind", [kind for kind in JobKind if kind != JobKind.INSTALL])
def test_a_service_call_needs_no_permit(kind):
    job = JobFactory(kind=kind)
    requirement = selectors.permit_requirement(job)
    assert not requirement.needed
    assert "no permit" in requirement.why
    assert not Job.objects.filter(selectors.permit_needed_q(), pk=job.pk).exists()


def test_an_exempted_install_needs_no_permit_and_says_why(coordinator):
    job = JobFactory()
    services.permit_exempt(job=job, reason="Like-for-like thermostat swap; county says no permit.", by=coordinator)

    requirement = selectors.permit_requirement(job)
    assert not requirement.needed
    assert requirement.why == "No permit needed: Like-for-like thermostat swap; county says no permit."
    assert requirement.exemption.decided_by == coordinator
    assert not Job.objects.filter(selectors.permit_needed_q(), pk=job.pk).exists()


def flags(job) -> list[str]:
    row = readiness_annotate(Job.objects.filter(pk=job.pk), on_visits=False).get()
    return [check.name for check in readiness_missing(row)]


def test_the_no_permit_number_flag_follows_the_rule(coordinator):
    needing, exempted, thermostat = JobFactory(), JobFactory(), JobFactory(equipment_proposed="Nest thermostat")
    services.permit_exempt(job=exempted, reason="Replacement under the original permit.", by=coordinator)

    assert "no_permit" in flags(needing)
    assert "no_permit" not in flags(exempted)
    assert "no_permit" not in flags(thermostat)
    issue_permit(needing)
    assert "no_permit" not in flags(needing)


def test_permitted_and_installed_need_the_permit_only_when_the_job_needs_one(coordinator):
    job = job_with_facts(JobStatus.SCHEDULED)
    assert permit_not_issued(job) == ["an issued permit"]

    services.permit_exempt(job=job, reason="Ductless head added to an existing permitted system.", by=coordinator)
    assert permit_not_issued(job) == []


def test_an_exempted_install_goes_from_scheduled_to_ready_like_a_service_call(coordinator):
    job = job_with_facts(JobStatus.SCHEDULED)
    assert JobStatus.PERMITTED in job_allowed_next_statuses(job=job)
    assert JobStatus.READY not in job_allowed_next_statuses(job=job)

    services.permit_exempt(job=job, reason="No permit for this scope.", by=coordinator)
    assert JobStatus.READY in job_allowed_next_statuses(job=job)
    assert JobStatus.PERMITTED not in job_allowed_next_statuses(job=job)


def test_a_held_exempted_install_does_not_resume_at_permitted(coordinator):
    job = job_with_facts(JobStatus.SCHEDULED)
    services.permit_exempt(job=job, reason="No permit for this scope.", by=coordinator)
    job.status, job.status_before_hold = JobStatus.ON_HOLD, JobStatus.PERMITTED
    assert job_resume_status(job=job) == JobStatus.SCHEDULED


def test_without_a_registered_rule_the_jobs_lifecycle_asks_only_the_kind(monkeypatch):
    monkeypatch.setattr(lifecycle, "PERMIT_REQUIREMENT", [])
    assert lifecycle.job_needs_permit(JobFactory.build(equipment_proposed="Nest thermostat"))
    assert not lifecycle.job_needs_permit(JobFactory.build(kind=JobKind.WARRANTY))


def test_the_jobs_lifecycle_asks_permits_rule():
    assert not lifecycle.job_needs_permit(JobFactory(equipment_proposed="Nest thermostat"))
    assert lifecycle.job_needs_permit(JobFactory())
