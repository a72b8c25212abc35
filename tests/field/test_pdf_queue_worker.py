"""A real Celery worker consuming only the `pdf` queue renders the folder the office asked for."""

import time

import pytest
from celery.contrib.testing.worker import start_worker

from field import services
from field.models import JobFolderRender
from installops.celery import app
from tests.jobs.factories import JobFactory
from tests.jobs.files import add_document, image_bytes, pdf_bytes

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def real_queue():
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = False
    with app.connection_for_write() as connection:
        connection.default_channel.queue_purge("pdf")
    yield
    app.conf.task_always_eager = eager


def test_the_folder_renders_on_the_pdf_queue(real_queue, coordinator):
    job = JobFactory()
    add_document(job, "pictures", image_bytes(), "unit.jpg")
    add_document(job, "permit", pdf_bytes("Permit"), "permit.pdf")
    assert app.amqp.router.route({}, "field.tasks.job_folder_render_task")["queue"].name == "pdf"
    with start_worker(app, queues=["pdf"], pool="solo", perform_ping_check=False, shutdown_timeout=30):
        render = services.job_folder_request_render(job=job, by=coordinator)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            render.refresh_from_db()
            if render.status in ("done", "failed"):
                break
            time.sleep(0.2)
    assert render.status == "done", render.error
    assert render.page_count == 5
    assert JobFolderRender.objects.count() == 1
