"""The crew's old "book an inspection" notes become the job's inspections when field's table goes."""

import importlib
import uuid
from datetime import UTC, datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from permits.choices import InspectionKind, InspectionRequestedVia, InspectionStatus
from permits.models import Inspection
from tests.lifecycle_facts import job_with_facts
from tests.scheduling.factories import VisitFactory

MIGRATION = ("field", "0005_phone_inspection_requests_become_inspections")


@pytest.mark.django_db
def test_open_requests_become_inspections_to_book_and_handled_ones_stay_on_record(installer, coordinator):
    state = MigrationExecutor(connection).loader.project_state(MIGRATION)
    old_request = state.apps.get_model("field", "InspectionRequest")
    with connection.schema_editor() as editor:
        editor.create_model(old_request)  # the table the next migration drops (rolled back with the test)
    job = job_with_facts("installed")
    other_job = job_with_facts("installed")
    visit, other_visit = VisitFactory(job=job), VisitFactory(job=other_job)
    Inspection.objects.create(job=other_job, kind=InspectionKind.FINAL)  # the office already has it
    fields = {"requested_by_id": installer.pk, "requested_at": datetime(2026, 11, 2, 17, tzinfo=UTC)}
    open_id, handled_id, hers_id = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    old_request.objects.create(visit_id=visit.pk, job_id=job.pk, kind="final", note="Ready", client_uuid=open_id,
                               **fields)  # fmt: skip
    old_request.objects.create(
        visit_id=visit.pk, job_id=job.pk, kind="rough", client_uuid=handled_id, status="handled",
        handled_by_id=coordinator.pk, handled_at=datetime(2026, 11, 4, 6, tzinfo=UTC), handled_note="Tue AM",
        **fields,
    )  # fmt: skip
    old_request.objects.create(visit_id=visit.pk, job_id=job.pk, kind="hers", note="Rater next week",
                               client_uuid=hers_id, **fields)  # fmt: skip
    old_request.objects.create(visit_id=other_visit.pk, job_id=other_job.pk, kind="final", client_uuid=uuid.uuid4(),
                               **fields)  # fmt: skip

    migration = importlib.import_module(f"field.migrations.{MIGRATION[1]}")
    migration.requests_to_inspections(state.apps, None)

    to_book = Inspection.objects.get(client_uuid=open_id)
    assert (to_book.job, to_book.kind, to_book.status, to_book.request_note) == (
        job, InspectionKind.FINAL, InspectionStatus.TO_BOOK, "Ready"
    )  # fmt: skip
    assert (to_book.requested_via, to_book.requested_by, to_book.permit) == (
        InspectionRequestedVia.CREW_PHONE, installer, job.permits.get()
    )  # fmt: skip
    handled = Inspection.objects.get(client_uuid=handled_id)
    assert (handled.status, handled.recorded_by) == (InspectionStatus.CANCELLED, coordinator)
    assert str(handled.result_on) == "2026-11-03"  # the company's day (Pacific) when it was handled
    assert handled.result_notes == "Booked by the office outside the app. Tue AM"
    hers = Inspection.objects.get(client_uuid=hers_id)
    assert (hers.kind, hers.request_note) == (InspectionKind.OTHER, "HERS verification. Rater next week")
    assert Inspection.objects.filter(job=other_job).count() == 1
