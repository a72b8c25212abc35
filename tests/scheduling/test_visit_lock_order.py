"""Every visit write locks the job first: a job put on hold while a crew taps on its visit queues behind
the tap instead of deadlocking with it."""

import pytest
from django.db import OperationalError, transaction

from jobs.models import Job
from scheduling.services import visit_lock
from tests.concurrency import two_at_once
from tests.scheduling.factories import VisitFactory

pytestmark = pytest.mark.django_db(transaction=True)


def job_row_free(job_id: int) -> bool:
    try:
        with transaction.atomic():
            list(Job.objects.select_for_update(nowait=True).filter(pk=job_id))
    except OperationalError:
        return False
    return True


def test_a_locked_visit_holds_its_jobs_row_too():
    visit = VisitFactory()
    outcomes = two_at_once(lambda: visit_lock(visit.pk).pk, lambda: job_row_free(visit.job_id))
    assert outcomes == {"first": visit.pk, "second": False}
    assert job_row_free(visit.job_id)
