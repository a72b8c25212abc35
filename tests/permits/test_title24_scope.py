"""Whether a job falls under Title 24, and why; the code cycle fixed by the permit application day."""

from datetime import date

import pytest
from django.test import override_settings

from installops.errors import DomainError
from jobs.choices import JobKind
from permits.choices import PermitStatus, Title24Trigger
from permits.selectors import permit_code_cycle, title24_code_cycle, title24_facts
from permits.services import title24_scope_set, title24_trigger_for
from tests.jobs.factories import JobFactory
from tests.permits.factories import PermitFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("change_out", "feet", "trigger"),
    [
        (False, None, Title24Trigger.NONE),
        (True, None, Title24Trigger.CHANGE_OUT),
        (False, 40, Title24Trigger.NONE),  # at the threshold: not beyond it
        (False, 41, Title24Trigger.DUCTS_ALTERED),
        (True, 120, Title24Trigger.BOTH),
        (True, 0, Title24Trigger.CHANGE_OUT),
    ],
)
def test_a_change_out_or_ducts_altered_beyond_the_threshold_trigger_title24(change_out, feet, trigger):
    assert title24_trigger_for(change_out=change_out, duct_feet_altered=feet) == trigger


@override_settings(TITLE24_DUCT_FEET_THRESHOLD=25)
def test_the_duct_threshold_is_a_setting():
    assert title24_trigger_for(change_out=False, duct_feet_altered=26) == Title24Trigger.DUCTS_ALTERED


def test_the_coordinator_records_the_scope_with_what_triggered_it_in_history(coordinator):
    job = JobFactory()
    scope = title24_scope_set(
        job=job, change_out=True, duct_feet_altered=60, hers_required=True, note="New plenum", by=coordinator
    )
    assert (scope.trigger, scope.duct_feet_altered, scope.decided_by) == (Title24Trigger.BOTH, 60, coordinator)

    scope = title24_scope_set(job=job, change_out=False, duct_feet_altered=10, hers_required=True, by=coordinator)
    # Changed in place, both decisions kept in the history; nothing triggered means no rater either.
    assert (scope.trigger, scope.hers_required) == (Title24Trigger.NONE, False)
    assert [h.trigger for h in scope.history.order_by("history_date")] == [Title24Trigger.BOTH, Title24Trigger.NONE]
    assert scope.history.latest().history_user == coordinator


def test_a_service_call_has_no_title24_scope(coordinator):
    with pytest.raises(DomainError, match="on the install"):
        title24_scope_set(
            job=JobFactory(kind=JobKind.WARRANTY), change_out=True, duct_feet_altered=None,
            hers_required=True, by=coordinator,
        )  # fmt: skip


def test_sold_as_title24_it_applies_until_the_office_decides(coordinator):
    job = JobFactory(title24=True)
    assert title24_facts(job=job).applies
    title24_scope_set(job=job, change_out=False, duct_feet_altered=None, hers_required=False, by=coordinator)
    assert not title24_facts(job=job).applies
    assert not title24_facts(job=JobFactory(title24=False)).applies


@pytest.mark.parametrize(
    ("day", "cycle"),
    [
        (date(2022, 12, 31), "2019"),
        (date(2023, 1, 1), "2022"),
        (date(2025, 12, 31), "2022"),
        (date(2026, 1, 1), "2025"),
        (date(2019, 12, 31), ""),
    ],
)
def test_the_code_cycle_is_the_one_in_force_on_the_application_day(day, cycle):
    assert permit_code_cycle(day) == cycle


def test_the_permit_application_day_fixes_the_cycle_and_a_recorded_cycle_wins():
    job = JobFactory()
    permit = PermitFactory(job=job, status=PermitStatus.APPLIED, applied_on=date(2025, 12, 31))
    assert title24_code_cycle(title24_facts(job=job)).cycle == "2022"
    permit.code_cycle = "2025"
    permit.save()
    cycle = title24_code_cycle(title24_facts(job=job))
    assert (cycle.cycle, cycle.basis) == ("2025", "as on the permit")


@pytest.mark.company_time("2025-12-31 23:30")
def test_before_the_application_the_cycle_is_the_company_days():
    # 23:30 in the company's zone is already January 1 in UTC: the company's day decides.
    cycle = title24_code_cycle(title24_facts(job=JobFactory()))
    assert cycle.cycle == "2022"
    assert "not applied" in cycle.basis


@pytest.mark.company_time("2026-01-01 00:10")
def test_just_after_midnight_the_new_cycle_applies():
    assert title24_code_cycle(title24_facts(job=JobFactory())).cycle == "2025"
