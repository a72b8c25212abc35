"""The evening before, tomorrow's field folders are rendered so the page-out links to a current PDF."""

from datetime import datetime, time, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from field.models import JobFolderRender
from field.selectors import job_folder_latest
from field.tasks import job_folder_render_for_day_task
from tests.jobs.factories import JobFactory
from tests.scheduling.factories import VisitFactory

# The sweep's hour (16:15), before the evening page-out.
pytestmark = [pytest.mark.django_db, pytest.mark.company_time("16:15")]


def visit_on(crew, days_ahead: int, status="scheduled"):
    day = timezone.localdate() + timedelta(days=days_ahead)
    starts = datetime.combine(day, time(8), tzinfo=timezone.get_default_timezone())
    return VisitFactory(
        job=JobFactory(), crew=crew, starts_at=starts, ends_at=starts + timedelta(hours=4), status=status
    )


def test_tomorrows_folders_are_rendered_once(installer, django_capture_on_commit_callbacks):
    tomorrow = visit_on(installer.crew, 1)
    visit_on(installer.crew, 0)
    visit_on(installer.crew, 2)
    with django_capture_on_commit_callbacks(execute=True) as first:
        assert job_folder_render_for_day_task.apply().get() == 1
    assert len(first) == 1
    assert job_folder_latest(job=tomorrow.job).status == "done"
    with django_capture_on_commit_callbacks(execute=True) as second:
        job_folder_render_for_day_task.apply().get()
    assert second == []
    assert JobFolderRender.objects.count() == 1


def test_the_sweep_is_scheduled_before_the_page_out(settings):
    call_command("sync_beat_schedule")
    task = PeriodicTask.objects.get(task="field.tasks.job_folder_render_for_day_task")
    assert (task.crontab.hour, task.crontab.minute) == ("16", "15")

    settings.FIELD_FOLDERS_RENDER_AT = "15:45"
    call_command("sync_beat_schedule")
    task.refresh_from_db()
    assert (task.crontab.hour, task.crontab.minute) == ("15", "45")
