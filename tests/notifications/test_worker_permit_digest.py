"""A real Celery worker on Redis, against the test database: the morning digest reaches each install
administrator once, even when the daily task is delivered twice."""

import time
import uuid

import pytest

from conftest import make_staff
from installops.models import DailyTaskRun
from notifications.choices import MessageKind, MessageStatus
from notifications.models import Message
from notifications.tasks import permit_digest_sweep_task
from people.choices import EmployeeRole
from tests.jobs.factories import JobFactory
from tests.outbox import QueueProbe, WorkerProcess, publishing_to, wait_for
from tests.permits.follow_up_data import days_ago

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

DIGEST = "notifications.tasks.permit_digest_sweep_task"


def test_the_digest_goes_out_once_per_administrator_on_a_real_worker(tmp_path, company_clock):
    company_clock.machine_time()  # the worker's clock
    admins = [make_staff(f"install_admin_{n}", EmployeeRole.INSTALL_ADMIN) for n in range(2)]
    JobFactory(sold_on=days_ago(9))

    queue = f"test-{uuid.uuid4().hex[:8]}"
    worker = WorkerProcess(tmp_path, queue)
    digests = Message.objects.filter(kind=MessageKind.PERMIT_DIGEST)
    try:
        with publishing_to(queue):
            # Beat's run and a redelivered copy of it.
            permit_digest_sweep_task.delay()
            permit_digest_sweep_task.delay()
            wait_for(
                lambda: digests.filter(status=MessageStatus.SENT).count() == len(admins),
                what="every administrator emailed",
                log=worker.log,
            )
            wait_for(
                lambda: DailyTaskRun.objects.filter(task=DIGEST, finished_at__isnull=False).exists(),
                what="the day's run recorded",
                log=worker.log,
            )
            # Give the second copy time to run to its end: it finds the day's messages already there.
            time.sleep(3)
    finally:
        worker.stop()
        QueueProbe(queue).delete()

    assert digests.count() == len(admins)
    assert sorted(worker.email_recipients()) == sorted(admin.email for admin in admins)
