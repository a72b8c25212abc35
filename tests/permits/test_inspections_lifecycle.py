"""Inspected is a claim about the facts: an install's final inspection passed."""

import pytest

from installops.errors import DomainError
from jobs.choices import JobKind, JobStatus
from jobs.services import job_change_status, job_status_moves
from permits.choices import InspectionKind, InspectionStatus
from tests.lifecycle_facts import job_with_facts, pass_final_inspection
from tests.permits.factories import InspectionFactory

pytestmark = pytest.mark.django_db

S = JobStatus


def test_an_install_without_a_passed_final_is_not_inspected(coordinator):
    job = job_with_facts(S.INSTALLED)
    InspectionFactory(job=job, kind=InspectionKind.ROUGH, status=InspectionStatus.PASSED,
                      scheduled_on=job.sold_on, result_on=job.sold_on)  # fmt: skip

    moves = {move.status: move.missing for move in job_status_moves(job=job, by=coordinator)}
    assert moves[S.INSPECTED] == ["a passed final inspection"]
    with pytest.raises(DomainError, match="Inspected needs: a passed final inspection"):
        job_change_status(job=job, to_status=S.INSPECTED, by=coordinator)


def test_a_failed_final_is_not_enough_but_a_passed_one_is(coordinator):
    job = job_with_facts(S.INSTALLED)
    InspectionFactory(job=job, kind=InspectionKind.FINAL, status=InspectionStatus.FAILED,
                      scheduled_on=job.sold_on, result_on=job.sold_on, corrections="Strap it")  # fmt: skip
    with pytest.raises(DomainError):
        job_change_status(job=job, to_status=S.INSPECTED, by=coordinator)

    pass_final_inspection(job)

    assert job_change_status(job=job, to_status=S.INSPECTED, by=coordinator).status == S.INSPECTED


def test_a_coordinator_may_still_move_it_with_a_reason_kept_in_the_history(coordinator):
    job = job_with_facts(S.INSTALLED)

    job = job_change_status(
        job=job, to_status=S.INSPECTED, by=coordinator, override_reason="Inspector signed the card on site"
    )

    assert job.status == S.INSPECTED
    assert "a passed final inspection" in job.status_changes.latest("changed_at").note


def test_service_calls_are_not_held_by_inspections(coordinator):
    job = job_with_facts(S.INSTALLED, kind=JobKind.WARRANTY)
    moves = {move.status: move.missing for move in job_status_moves(job=job, by=coordinator)}
    assert S.INSPECTED not in moves or moves[S.INSPECTED] == []
