"""A job's lifecycle: each status stands on its facts, each role makes its own moves, a coordinator may
override with a written reason, and every move is recorded."""

import pytest
from django.utils import timezone

from installops.errors import DomainError
from jobs.choices import JobKind, JobStatus
from jobs.lifecycle import register_status_condition, status_missing
from jobs.models import JobStatusChange
from jobs.services import job_allowed_next_statuses, job_change_status, job_create, job_resume_status
from jobs.services.lifecycle import PIPELINE
from permits.choices import PermitStatus
from scheduling.choices import VisitStatus
from tests.billing.posted import paid_in_full
from tests.jobs.factories import CustomerFactory, JobFactory, SiteFactory
from tests.lifecycle_facts import issue_permit, job_with_facts, pass_final_inspection, post_invoice
from tests.permits.factories import PermitFactory
from tests.scheduling.factories import VisitFactory

pytestmark = pytest.mark.django_db
S = JobStatus


def test_a_new_job_starts_sold_with_a_numbered_history_row(coordinator):
    customer = CustomerFactory()
    site = SiteFactory(customer=customer)
    job = job_create(customer=customer, site=site, by=coordinator, sold_on=timezone.localdate(), kind="install")
    other = job_create(customer=customer, site=site, by=coordinator, sold_on=timezone.localdate(), kind="install")

    assert job.status == S.SOLD
    assert job.number.startswith("J")
    assert other.number != job.number
    (change,) = job.status_changes.all()
    assert (change.from_status, change.to_status, change.changed_by) == ("", S.SOLD, coordinator)


# ---------------------------------------------------------------- each status's conditions


def test_scheduled_needs_a_booked_visit(coordinator):
    job = JobFactory()
    with pytest.raises(DomainError, match="Scheduled needs: a booked visit"):
        job_change_status(job=job, to_status=S.SCHEDULED, by=coordinator)
    VisitFactory(job=job, status=VisitStatus.CANCELLED)
    assert status_missing(job, S.SCHEDULED) == ["a booked visit"]

    VisitFactory(job=job)
    job = job_change_status(job=job, to_status=S.SCHEDULED, by=coordinator)
    assert job.status == S.SCHEDULED


def test_permitted_needs_an_issued_permit_for_an_install_only(coordinator):
    job = job_with_facts(S.SCHEDULED)
    PermitFactory(job=job, status=PermitStatus.APPLIED)
    with pytest.raises(DomainError, match="Permitted needs: an issued permit"):
        job_change_status(job=job, to_status=S.PERMITTED, by=coordinator)

    issue_permit(job)
    assert job_change_status(job=job, to_status=S.PERMITTED, by=coordinator).status == S.PERMITTED
    # A service call has no permit step at all.
    assert S.PERMITTED not in job_allowed_next_statuses(job=job_with_facts(S.SCHEDULED, kind=JobKind.WARRANTY))


def test_ready_needs_what_the_readiness_checks_say(coordinator):
    job = job_with_facts(S.PERMITTED, equipment_ordered_on=None)
    missing = status_missing(job, S.READY)
    assert "equipment not ordered" in missing
    assert "paperwork missing" in missing
    with pytest.raises(DomainError, match="Ready needs: .*equipment not ordered"):
        job_change_status(job=job, to_status=S.READY, by=coordinator)


def test_installed_needs_every_visit_completed(coordinator):
    job = job_with_facts(S.PERMITTED)
    visit = job.visits.get()
    day = f"{timezone.localtime(visit.starts_at):%a %b} {timezone.localtime(visit.starts_at).day}"
    with pytest.raises(DomainError, match=f"the visit of {day} completed \\(it is confirmed\\)"):
        job_change_status(job=job, to_status=S.INSTALLED, by=coordinator)

    visit.status = VisitStatus.COMPLETED
    visit.save()
    assert job_change_status(job=job, to_status=S.INSTALLED, by=coordinator).status == S.INSTALLED


def test_an_install_is_not_installed_without_its_permit(coordinator):
    job = job_with_facts(S.SCHEDULED)
    job.visits.update(status=VisitStatus.COMPLETED)
    assert status_missing(job, S.INSTALLED) == ["an issued permit"]
    # A service call needs no permit.
    call = job_with_facts(S.SCHEDULED, kind=JobKind.WARRANTY)
    call.visits.update(status=VisitStatus.COMPLETED)
    assert status_missing(call, S.INSTALLED) == []


def test_closed_needs_every_visit_closed_out(coordinator, accounting):
    job = job_with_facts(S.INVOICED)
    with pytest.raises(DomainError, match="closed out \\(it is completed\\)"):
        job_change_status(job=job, to_status=S.CLOSED, by=accounting)

    job.visits.update(status=VisitStatus.CLOSED_OUT)
    VisitFactory(job=job, status=VisitStatus.CANCELLED)  # a released visit does not hold it up
    paid_in_full(job)  # and billing's condition: the invoice paid
    assert job_change_status(job=job, to_status=S.CLOSED, by=accounting).status == S.CLOSED


def test_back_to_sold_needs_nothing_booked(coordinator):
    job = job_with_facts(S.SCHEDULED)
    with pytest.raises(DomainError, match="Sold needs: the visit of .* called off"):
        job_change_status(job=job, to_status=S.SOLD, by=coordinator)


def test_inspected_and_invoiced_take_conditions_other_apps_register(coordinator, accounting):
    from jobs.lifecycle import STATUS_CONDITIONS

    saved = list(STATUS_CONDITIONS)
    try:
        register_status_condition(S.INVOICED, "billing_test", lambda job: ["an invoice number"])
        job = job_with_facts(S.INSPECTED)
        with pytest.raises(DomainError, match="Invoiced needs: .*an invoice number"):
            job_change_status(job=job, to_status=S.INVOICED, by=accounting)
    finally:
        STATUS_CONDITIONS[:] = saved


# ---------------------------------------------------------------- the override


def test_a_coordinator_overrides_only_with_a_reason_and_it_is_recorded(coordinator):
    job = JobFactory()

    with pytest.raises(DomainError, match="Give a reason to move it anyway") as refused:
        job_change_status(job=job, to_status=S.SCHEDULED, by=coordinator)
    assert refused.value.field == "override_reason"

    job = job_change_status(
        job=job, to_status=S.SCHEDULED, by=coordinator, override_reason="Booked by phone, visit entered tomorrow"
    )

    assert job.status == S.SCHEDULED
    change = job.status_changes.latest("pk")
    assert change.note == "Moved without: a booked visit. Reason: Booked by phone, visit entered tomorrow"
    assert job.history.latest().history_change_reason == change.note
    assert job.history.latest().history_user == coordinator


def test_without_the_override_permission_the_refusal_names_what_is_missing(accounting):
    job = job_with_facts(S.INSPECTED)
    job.visits.update(status=VisitStatus.SCHEDULED)

    with pytest.raises(DomainError, match="Invoiced needs: the visit of .* completed") as refused:
        job_change_status(job=job, to_status=S.INVOICED, by=accounting, override_reason="Customer paid already")
    assert refused.value.field == "to_status"
    job.refresh_from_db()
    assert job.status == S.INSPECTED
    assert not job.status_changes.exists()


# ---------------------------------------------------------------- each role its own moves


def test_each_role_is_offered_only_its_own_moves(coordinator, accounting, installer):
    scheduled = job_with_facts(S.SCHEDULED)
    inspected = job_with_facts(S.INSPECTED)

    assert job_allowed_next_statuses(job=scheduled, by=coordinator) == [S.PERMITTED, S.INSTALLED, S.SOLD,
                                                                       S.ON_HOLD, S.CANCELLED]  # fmt: skip
    assert job_allowed_next_statuses(job=scheduled, by=accounting) == []
    assert job_allowed_next_statuses(job=inspected, by=coordinator) == [S.ON_HOLD]
    assert job_allowed_next_statuses(job=inspected, by=accounting) == [S.INVOICED]
    assert job_allowed_next_statuses(job=inspected, by=installer) == []


@pytest.mark.parametrize(
    ("role", "start", "to_status"),
    [
        ("accounting", S.SCHEDULED, S.ON_HOLD),
        ("coordinator", S.INSPECTED, S.INVOICED),
        ("installer", S.SOLD, S.CANCELLED),
    ],
)
def test_the_service_refuses_another_roles_move(request, role, start, to_status):
    user = request.getfixturevalue(role)
    job = job_with_facts(start)

    with pytest.raises(DomainError, match="Your role does not move jobs"):
        job_change_status(job=job, to_status=to_status, by=user, note="Because", override_reason="Because")
    job.refresh_from_db()
    assert job.status == start


# ---------------------------------------------------------------- the pipeline itself


def test_an_install_walks_the_whole_pipeline_on_its_facts_and_every_step_is_recorded(coordinator, accounting):
    job = JobFactory(equipment_ordered_on=timezone.localdate())
    visit = VisitFactory(job=job, status=VisitStatus.CONFIRMED)
    job = job_change_status(job=job, to_status=S.SCHEDULED, by=coordinator)
    issue_permit(job)
    job = job_change_status(job=job, to_status=S.PERMITTED, by=coordinator)
    job = job_change_status(job=job, to_status=S.READY, by=coordinator, override_reason="Paperwork is in the truck")
    visit.status = VisitStatus.COMPLETED
    visit.save()
    job = job_change_status(job=job, to_status=S.INSTALLED, by=coordinator)
    pass_final_inspection(job)
    job = job_change_status(job=job, to_status=S.INSPECTED, by=coordinator)
    post_invoice(job)
    job = job_change_status(job=job, to_status=S.INVOICED, by=accounting)
    visit.status = VisitStatus.CLOSED_OUT
    visit.save()
    paid_in_full(job)
    job = job_change_status(job=job, to_status=S.CLOSED, by=accounting)

    path = [S.SCHEDULED, S.PERMITTED, S.READY, S.INSTALLED, S.INSPECTED, S.INVOICED, S.CLOSED]
    assert job.status == S.CLOSED
    changes = list(JobStatusChange.objects.filter(job=job).values_list("from_status", "to_status"))
    assert changes == list(zip([S.SOLD, *path[:-1]], path, strict=True))
    assert job.history.count() == len(path) + 1  # the insert, then one row per move


@pytest.mark.parametrize(
    ("start", "refused"),
    [
        (S.SOLD, S.INSTALLED),
        (S.SOLD, S.CLOSED),
        (S.SCHEDULED, S.READY),  # an install needs its permit first
        (S.INSTALLED, S.INVOICED),  # …and its inspection
        (S.CLOSED, S.SOLD),
        (S.INVOICED, S.CANCELLED),
    ],
)
def test_a_move_the_pipeline_does_not_allow_changes_nothing(coordinator, start, refused):
    job = job_with_facts(start)

    with pytest.raises(DomainError, match="cannot move to"):
        job_change_status(job=job, to_status=refused, by=coordinator, override_reason="Anyway")

    job.refresh_from_db()
    assert job.status == start
    assert not JobStatusChange.objects.filter(job=job).exists()


def test_a_service_call_skips_the_permit_and_the_inspection(coordinator, accounting):
    job = job_with_facts(S.SCHEDULED, kind=JobKind.WARRANTY)
    assert S.PERMITTED not in job_allowed_next_statuses(job=job)
    job.visits.update(status=VisitStatus.COMPLETED)

    job = job_change_status(job=job, to_status=S.INSTALLED, by=coordinator)
    post_invoice(job)
    job = job_change_status(job=job, to_status=S.INVOICED, by=accounting)

    assert job.status == S.INVOICED


def test_hold_needs_a_reason_and_resumes_where_its_facts_allow(coordinator):
    job = job_with_facts(S.INSTALLED)

    with pytest.raises(DomainError, match="Say why"):
        job_change_status(job=job, to_status=S.ON_HOLD, by=coordinator)

    job = job_change_status(job=job, to_status=S.ON_HOLD, by=coordinator, note="Waiting on financing")
    # Its visit was done, not released: it is still installed.
    assert job_allowed_next_statuses(job=job) == [S.INSTALLED, S.CANCELLED]

    job = job_change_status(job=job, to_status=S.INSTALLED, by=coordinator)
    assert job.status == S.INSTALLED
    assert job.status_changes.get(to_status=S.ON_HOLD).note == "Waiting on financing"


def test_a_held_job_whose_visits_were_released_resumes_as_sold(coordinator):
    job = job_with_facts(S.PERMITTED)
    job = job_change_status(job=job, to_status=S.ON_HOLD, by=coordinator, note="Waiting on financing")

    assert job_resume_status(job=job) == S.SOLD
    assert job_allowed_next_statuses(job=job) == [S.SOLD, S.CANCELLED]
    job = job_change_status(job=job, to_status=S.SOLD, by=coordinator, note="Financing came through")
    assert job.status == S.SOLD


def test_a_cancelled_job_can_be_reopened_as_sold(coordinator):
    job = job_with_facts(S.SCHEDULED)
    job = job_change_status(job=job, to_status=S.CANCELLED, by=coordinator, note="Customer changed mind")
    assert job_allowed_next_statuses(job=job) == [S.SOLD]

    job = job_change_status(job=job, to_status=S.SOLD, by=coordinator, note="Financing came through")

    job.refresh_from_db()
    assert job.status == S.SOLD
    reopened = job.status_changes.order_by("pk").last()
    assert (reopened.from_status, reopened.to_status, reopened.changed_by, reopened.note) == (
        S.CANCELLED,
        S.SOLD,
        coordinator,
        "Financing came through",
    )
    assert job_allowed_next_statuses(job=job) == [S.SCHEDULED, S.ON_HOLD, S.CANCELLED]


def test_every_pipeline_status_is_known():
    assert set(PIPELINE) == set(S.values)


def test_an_edit_from_a_stale_page_does_not_undo_a_status_move(coordinator):
    from jobs.services import job_update

    job = JobFactory()
    stale = type(job).objects.get(pk=job.pk)
    job_change_status(job=job, to_status=S.ON_HOLD, by=coordinator, note="Waiting on financing")

    updated = job_update(job=stale, by=coordinator, description="Add a media filter")

    assert updated.status == S.ON_HOLD
    job.refresh_from_db()
    assert (job.status, job.description) == (S.ON_HOLD, "Add a media filter")


def test_a_status_change_made_outside_a_request_names_its_author_in_the_history(coordinator):
    """A task or a command moving a job still says who: the history row and the status-change row agree."""
    job = job_with_facts(S.SCHEDULED)
    job_change_status(job=job, to_status=S.ON_HOLD, by=coordinator, note="Customer on vacation")
    latest = job.history.latest()
    assert latest.history_user == coordinator
    assert latest.history_change_reason == "Customer on vacation"
    assert job.status_changes.latest("changed_at").changed_by == coordinator
