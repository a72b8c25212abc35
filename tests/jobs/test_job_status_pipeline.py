import pytest
from django.utils import timezone

from installops.errors import DomainError
from jobs.choices import JobKind, JobStatus
from jobs.models import JobStatusChange
from jobs.services import job_allowed_next_statuses, job_change_status, job_create
from tests.jobs.factories import CustomerFactory, JobFactory, SiteFactory

pytestmark = pytest.mark.django_db


def test_a_new_job_starts_sold_with_a_numbered_history_row(coordinator):
    customer = CustomerFactory()
    site = SiteFactory(customer=customer)
    job = job_create(customer=customer, site=site, by=coordinator, sold_on=timezone.localdate(), kind="install")
    other = job_create(customer=customer, site=site, by=coordinator, sold_on=timezone.localdate(), kind="install")

    assert job.status == JobStatus.SOLD
    assert job.number.startswith("J")
    assert other.number != job.number
    (change,) = job.status_changes.all()
    assert (change.from_status, change.to_status, change.changed_by) == ("", JobStatus.SOLD, coordinator)


def test_an_install_walks_the_whole_pipeline_and_every_step_is_recorded(coordinator):
    job = JobFactory()
    path = [
        JobStatus.SCHEDULED,
        JobStatus.PERMITTED,
        JobStatus.READY,
        JobStatus.INSTALLED,
        JobStatus.INSPECTED,
        JobStatus.INVOICED,
        JobStatus.CLOSED,
    ]
    for status in path:
        job = job_change_status(job=job, to_status=status, by=coordinator)

    assert job.status == JobStatus.CLOSED
    changes = list(JobStatusChange.objects.filter(job=job).values_list("from_status", "to_status"))
    assert changes == list(zip([JobStatus.SOLD, *path[:-1]], path, strict=True))
    assert all(c.changed_by == coordinator and c.changed_at for c in job.status_changes.all())
    # The row's own audit trail (django-simple-history) has every save too.
    assert job.history.count() == len(path) + 1  # the insert, then one row per move


@pytest.mark.parametrize(
    ("start", "refused"),
    [
        (JobStatus.SOLD, JobStatus.INSTALLED),
        (JobStatus.SOLD, JobStatus.CLOSED),
        (JobStatus.SCHEDULED, JobStatus.READY),  # an install needs its permit first
        (JobStatus.INSTALLED, JobStatus.INVOICED),  # …and its inspection
        (JobStatus.CLOSED, JobStatus.SOLD),
        (JobStatus.INVOICED, JobStatus.CANCELLED),
    ],
)
def test_a_refused_move_changes_nothing(coordinator, start, refused):
    job = JobFactory(status=start)

    with pytest.raises(DomainError):
        job_change_status(job=job, to_status=refused, by=coordinator)

    job.refresh_from_db()
    assert job.status == start
    assert not JobStatusChange.objects.filter(job=job).exists()


def test_a_service_call_skips_the_permit_and_the_inspection(coordinator):
    job = JobFactory(kind=JobKind.WARRANTY, status=JobStatus.SCHEDULED)
    assert JobStatus.PERMITTED not in job_allowed_next_statuses(job=job)

    job = job_change_status(job=job, to_status=JobStatus.READY, by=coordinator)
    job = job_change_status(job=job, to_status=JobStatus.INSTALLED, by=coordinator)
    job = job_change_status(job=job, to_status=JobStatus.INVOICED, by=coordinator)

    assert job.status == JobStatus.INVOICED


def test_hold_needs_a_reason_and_resumes_where_it_was(coordinator):
    job = JobFactory(status=JobStatus.PERMITTED)

    with pytest.raises(DomainError, match="Say why"):
        job_change_status(job=job, to_status=JobStatus.ON_HOLD, by=coordinator)

    job = job_change_status(job=job, to_status=JobStatus.ON_HOLD, by=coordinator, note="Waiting on financing")
    assert job_allowed_next_statuses(job=job) == [JobStatus.PERMITTED, JobStatus.CANCELLED]

    job = job_change_status(job=job, to_status=JobStatus.PERMITTED, by=coordinator)
    assert job.status == JobStatus.PERMITTED
    assert job.status_changes.get(to_status=JobStatus.ON_HOLD).note == "Waiting on financing"


def test_a_cancelled_job_can_be_reopened_as_sold(coordinator):
    job = JobFactory(status=JobStatus.SCHEDULED)
    job = job_change_status(job=job, to_status=JobStatus.CANCELLED, by=coordinator, note="Customer changed mind")
    assert job_allowed_next_statuses(job=job) == [JobStatus.SOLD]

    job = job_change_status(job=job, to_status=JobStatus.SOLD, by=coordinator, note="Financing came through")

    job.refresh_from_db()
    assert job.status == JobStatus.SOLD
    reopened = job.status_changes.order_by("pk").last()
    assert (reopened.from_status, reopened.to_status, reopened.changed_by, reopened.note) == (
        JobStatus.CANCELLED,
        JobStatus.SOLD,
        coordinator,
        "Financing came through",
    )
    # Back at the start of the pipeline: it can be scheduled again (or held, or cancelled again).
    assert job_allowed_next_statuses(job=job) == [JobStatus.SCHEDULED, JobStatus.ON_HOLD, JobStatus.CANCELLED]


def test_an_edit_from_a_stale_page_does_not_undo_a_status_move(coordinator):
    from jobs.services import job_update

    job = JobFactory()
    stale = type(job).objects.get(pk=job.pk)
    job_change_status(job=job, to_status=JobStatus.SCHEDULED, by=coordinator)

    updated = job_update(job=stale, by=coordinator, description="Add a media filter")

    assert updated.status == JobStatus.SCHEDULED
    job.refresh_from_db()
    assert (job.status, job.description) == (JobStatus.SCHEDULED, "Add a media filter")


def test_a_status_change_made_outside_a_request_names_its_author_in_the_history(coordinator):
    """A task or a command moving a job still says who: the history row and the status-change row agree."""
    job = JobFactory()
    job_change_status(job=job, to_status=JobStatus.SCHEDULED, by=coordinator, note="Booked by phone")
    latest = job.history.latest()
    assert latest.history_user == coordinator
    assert latest.history_change_reason == "Booked by phone"
    assert job.status_changes.latest("changed_at").changed_by == coordinator
