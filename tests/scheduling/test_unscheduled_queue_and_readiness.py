"""The Unscheduled queue (nothing sold is forgotten) and the one readiness selector behind every page."""

from datetime import date

import pytest
from django.db.models import Q
from django.urls import reverse

from jobs import readiness
from jobs.choices import JobKind, JobStatus
from jobs.models import Job, RequiredPaperwork
from permits.models import Jurisdiction, Permit
from scheduling import selectors
from scheduling.choices import VisitStatus
from scheduling.models import Visit
from tests.jobs.factories import JobFactory
from tests.scheduling.factories import VisitFactory

pytestmark = pytest.mark.django_db


def test_every_sold_job_without_a_visit_is_listed_oldest_first():
    newer = JobFactory(sold_on=date(2026, 11, 1))
    older = JobFactory(sold_on=date(2026, 9, 1))
    booked = JobFactory(status=JobStatus.SCHEDULED)
    VisitFactory(job=booked)
    called_off = JobFactory(status=JobStatus.SCHEDULED, sold_on=date(2026, 10, 1))
    VisitFactory(job=called_off, status=VisitStatus.CANCELLED)
    JobFactory(status=JobStatus.CLOSED)
    JobFactory(status=JobStatus.ON_HOLD)

    assert list(selectors.job_list_unscheduled()) == [older, called_off, newer]


def flags(job):
    row = selectors.readiness_annotate(Job.objects.filter(pk=job.pk), on_visits=False).get()
    return [check.name for check in selectors.readiness_missing(row)]


def test_readiness_flags_what_is_missing_and_clears_as_it_comes_in():
    job = JobFactory(kind=JobKind.INSTALL, equipment_ordered_on=None)
    VisitFactory(job=job, status=VisitStatus.SCHEDULED)
    assert flags(job) == ["no_permit", "equipment_not_ordered", "not_confirmed", "paperwork_missing"]

    permit = Permit.objects.create(job=job, jurisdiction=Jurisdiction.objects.create(name="City of Fresno"))
    assert "no_permit" in flags(job)  # applied for, no number yet
    permit.number, permit.status = "B26-0042", "issued"
    permit.save()
    job.equipment_ordered_on = date(2026, 11, 2)
    job.save()
    Visit.objects.filter(job=job).update(status=VisitStatus.CONFIRMED)  # plain table, test setup only
    assert flags(job) == ["paperwork_missing"]  # the folder rule lives in jobs (RequiredPaperwork)
    RequiredPaperwork.objects.filter(job_kind=job.kind).delete()
    assert flags(job) == []


def test_a_service_call_needs_no_permit():
    RequiredPaperwork.objects.filter(job_kind=JobKind.MAINTENANCE).delete()
    job = JobFactory(kind=JobKind.MAINTENANCE, equipment_proposed="")
    assert flags(job) == []


def test_another_app_can_add_a_check(monkeypatch):
    RequiredPaperwork.objects.filter(job_kind=JobKind.MAINTENANCE).delete()
    monkeypatch.setattr(readiness, "READINESS_CHECKS", list(readiness.READINESS_CHECKS))
    readiness.register_readiness_check(
        "no_contract", label="No contract", icon="bi-file", missing=lambda job_ref, on_visits: Q(pk__gt=0)
    )
    job = JobFactory(kind=JobKind.MAINTENANCE, equipment_proposed="")
    assert flags(job) == ["no_contract"]


@pytest.mark.parametrize("count", [3, 40])
def test_the_queue_page_runs_a_fixed_number_of_queries(client_as, coordinator, django_assert_max_num_queries, count):
    JobFactory.create_batch(count)
    client = client_as(coordinator)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("scheduling:unscheduled"))
    assert response.status_code == 200
    assert len(response.context["page_obj"].object_list) == count
    assert "No permit number" in response.content.decode()


def test_field_staff_cannot_open_the_queue(client_as, installer):
    assert client_as(installer).get(reverse("scheduling:unscheduled")).status_code == 403
