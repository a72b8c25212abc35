"""The crew's "book an inspection" notes become the job's inspections (permits); 0006 drops the notes.

An open request becomes an inspection to book, asked for from the crew's phone, unless the job
already has one open of that kind. A handled one was booked outside the app: it is kept as a
cancelled inspection whose notes say so, so nobody books it twice. A HERS request is an "other"
inspection whose note says HERS (HERS visits have their own records).
"""

from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import migrations

OPEN_STATUSES = ["to_book", "scheduled"]


def requests_to_inspections(apps, schema_editor):
    InspectionRequest = apps.get_model("field", "InspectionRequest")
    Inspection = apps.get_model("permits", "Inspection")
    Permit = apps.get_model("permits", "Permit")
    live = ["to_apply", "applied", "issued", "finaled"]
    for request in InspectionRequest.objects.order_by("requested_at", "id").iterator():
        kind = request.kind if request.kind in ("rough", "final", "other") else "other"
        note = request.note if request.kind == kind else f"HERS verification. {request.note}".strip()
        fields = {
            "job_id": request.job_id,
            "permit_id": Permit.objects.filter(job_id=request.job_id, status__in=live)
            .values_list("pk", flat=True)
            .first(),
            "kind": kind,
            "requested_via": "crew_phone",
            "requested_by_id": request.requested_by_id,
            "requested_at": request.requested_at,
            "request_note": note,
            "client_uuid": request.client_uuid,
        }
        if request.status == "open":
            if Inspection.objects.filter(job_id=request.job_id, kind=kind, status__in=OPEN_STATUSES).exists():
                continue
            Inspection.objects.create(status="to_book", **fields)
        else:
            handled = f"Booked by the office outside the app. {request.handled_note}".strip()
            Inspection.objects.create(
                status="cancelled",
                result_on=request.handled_at.astimezone(ZoneInfo(settings.TIME_ZONE)).date(),
                result_notes=handled,
                recorded_by_id=request.handled_by_id,
                **fields,
            )


class Migration(migrations.Migration):
    dependencies = [
        ("field", "0004_outbox_relay"),
        ("permits", "0002_permits_jurisdictions_inspections_hers_title24"),
    ]

    operations = [
        migrations.RunPython(requests_to_inspections, migrations.RunPython.noop),
    ]
