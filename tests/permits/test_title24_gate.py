"""The Title 24 gate and "HERS passed": what Inspected and Invoiced wait for, each form named exactly."""

import re

import pytest
from django.db.models import Q
from django.utils import timezone

from installops.errors import DomainError
from jobs.choices import JobKind, JobStatus
from jobs.lifecycle import status_missing
from jobs.models import Document
from jobs.services import job_change_status
from permits.choices import HersStatus, Title24FormKind, Title24Trigger
from permits.selectors import hers_not_passed, title24_gate_missing
from tests.jobs.factories import JobFactory
from tests.lifecycle_facts import (
    close_title24_gate,
    job_with_facts,
    pass_final_inspection,
    pass_hers,
    post_invoice,
    title24_document,
)
from tests.permits.factories import HersVerificationFactory, Title24FormFactory, Title24ScopeFactory

pytestmark = pytest.mark.django_db
S = JobStatus

CF1R = "CF1R (certificate of compliance)"
CF2R = "CF2R (installer's certificate of installation)"
CF3R = "CF3R (rater's certificate of verification)"


def test_no_title24_no_gate():
    assert title24_gate_missing(JobFactory()) == []
    assert hers_not_passed(JobFactory()) == []
    job = JobFactory(title24=True)
    Title24ScopeFactory(job=job, trigger=Title24Trigger.NONE, hers_required=False)
    assert title24_gate_missing(job) == []
    assert hers_not_passed(job) == []


def test_each_missing_form_is_named_with_what_it_lacks():
    job = JobFactory()
    Title24ScopeFactory(job=job, trigger=Title24Trigger.CHANGE_OUT, hers_required=True)
    assert title24_gate_missing(job) == [f"{kind} — no registry id" for kind in (CF1R, CF2R, CF3R)]

    Title24FormFactory(job=job, kind=Title24FormKind.CF1R, document=title24_document(job, "cf1r"))
    Title24FormFactory(job=job, kind=Title24FormKind.CF2R)
    assert title24_gate_missing(job) == [f"{CF2R} — no document", f"{CF3R} — no registry id"]


def test_without_hers_the_cf3r_is_not_needed():
    job = JobFactory()
    Title24ScopeFactory(job=job, trigger=Title24Trigger.DUCTS_ALTERED, hers_required=False)
    assert title24_gate_missing(job) == [f"{CF1R} — no registry id", f"{CF2R} — no registry id"]
    assert hers_not_passed(job) == []


def test_a_title24_sale_without_a_scope_asks_for_the_scope():
    missing = title24_gate_missing(JobFactory(title24=True))
    assert missing[0] == "Title 24 scope — not recorded (change-out? ducts altered?)"
    assert f"{CF3R} — no registry id" in missing


def test_a_removed_document_opens_the_gate_again():
    job = JobFactory()
    close_title24_gate(job)
    assert title24_gate_missing(job) == []
    Document.objects.filter(title24_form_cf2r_of(job)).update(removed_at=timezone.now())
    assert title24_gate_missing(job) == [f"{CF2R} — no document"]


def title24_form_cf2r_of(job):
    return Q(pk=job.title24_forms.get(kind=Title24FormKind.CF2R).document_id)


def test_hers_says_where_it_stands():
    job = JobFactory()
    Title24ScopeFactory(job=job)
    assert hers_not_passed(job) == ["HERS verification — no rater booked"]
    verification = HersVerificationFactory(job=job)
    assert hers_not_passed(job) == ["HERS verification — not scheduled"]
    verification.status, verification.scheduled_on = HersStatus.SCHEDULED, "2026-03-04"
    verification.save()
    verification.refresh_from_db()
    assert hers_not_passed(job) == ["HERS verification — scheduled Mar 4, no result yet"]
    verification.status = HersStatus.FAILED
    verification.save()
    assert hers_not_passed(job) == ["HERS verification — failed, no re-test booked"]
    HersVerificationFactory(job=job, retest_of=verification)
    assert hers_not_passed(job) == ["HERS re-test — not scheduled"]


def test_inspected_is_refused_until_hers_passed_and_the_gate_is_closed(coordinator):
    job = job_with_facts(S.INSTALLED)
    Title24ScopeFactory(job=job)
    with pytest.raises(DomainError) as refusal:
        job_change_status(job=job, to_status=S.INSPECTED, by=coordinator)
    assert "HERS verification — no rater booked" in refusal.value.message
    assert f"{CF2R} — no registry id" in refusal.value.message

    pass_hers(job)
    close_title24_gate(job)
    assert not [m for m in status_missing(job, S.INSPECTED) if "HERS" in m or "CF" in m]
    pass_final_inspection(job)
    assert job_change_status(job=job, to_status=S.INSPECTED, by=coordinator).status == S.INSPECTED


def test_invoiced_is_refused_while_a_form_is_missing(coordinator, accounting):
    job = job_with_facts(S.INSPECTED)
    Title24ScopeFactory(job=job, hers_required=False)
    Title24FormFactory(job=job, kind=Title24FormKind.CF1R, document=title24_document(job, "cf1r"))
    with pytest.raises(DomainError, match=re.escape(f"Invoiced needs: {CF2R} — no registry id")):
        job_change_status(job=job, to_status=S.INVOICED, by=accounting)

    close_title24_gate(job, hers_required=False)
    post_invoice(job)
    assert job_change_status(job=job, to_status=S.INVOICED, by=accounting).status == S.INVOICED


def test_the_coordinator_may_still_override_with_a_reason(coordinator):
    job = job_with_facts(S.INSTALLED)
    Title24ScopeFactory(job=job)
    with pytest.raises(DomainError, match="Give a reason"):
        job_change_status(job=job, to_status=S.INSPECTED, by=coordinator)
    job = job_change_status(
        job=job, to_status=S.INSPECTED, by=coordinator, override_reason="Rater's report is in the mail"
    )
    assert job.status == S.INSPECTED
    change = job.status_changes.latest("changed_at")
    assert "HERS verification — no rater booked" in change.note
    assert "Rater's report is in the mail" in change.note


def test_service_calls_are_not_gated():
    call = JobFactory(kind=JobKind.FAILED_HERS, title24=True)
    assert title24_gate_missing(call) == []
    assert hers_not_passed(call) == []
