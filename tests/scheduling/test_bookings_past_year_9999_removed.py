"""A subcontractor booking stored in the year 10000 (before the forms held dates to the window) is
removed by the migration, and the job's visits panel opens again."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from scheduling.choices import SubcontractorTrade
from scheduling.models import Subcontractor, SubcontractorBooking
from tests.jobs.factories import JobFactory

MIGRATION = ("scheduling", "0004_remove_bookings_stored_past_year_9999")


@pytest.mark.django_db
def test_the_migration_removes_what_python_cannot_read_and_keeps_the_rest(client_as, coordinator):
    job = JobFactory()
    crane = Subcontractor.objects.create(name="Valley Crane", trade=SubcontractorTrade.CRANE)
    kept = SubcontractorBooking.objects.create(
        job=job, subcontractor=crane, starts_at="2026-12-01T16:00Z", ends_at="2026-12-01T18:00Z"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO scheduling_subcontractorbooking (job_id, subcontractor_id, starts_at, ends_at, status, notes,"
            " cancel_reason, created_at, updated_at) VALUES (%s, %s, '10000-01-01 06:00+00', '10000-01-01 07:00+00',"
            " 'booked', '', '', now(), now())",
            [job.pk, crane.pk],
        )

    executor = MigrationExecutor(connection)
    migration = executor.loader.get_migration(*MIGRATION)
    with connection.schema_editor() as editor:
        for operation in migration.operations:
            operation.database_forwards("scheduling", editor, executor.loader.project_state(MIGRATION), None)

    assert list(SubcontractorBooking.objects.values_list("pk", flat=True)) == [kept.pk]
    assert client_as(coordinator).get(reverse("scheduling:job_visits_panel", args=[job.pk])).status_code == 200
