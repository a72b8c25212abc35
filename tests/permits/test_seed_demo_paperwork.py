"""The demo company's paperwork: permits and inspections in every state, and every kind of line on the
install administrator's follow-up list."""

import pytest
from django.core.management import call_command

from jobs.choices import JobKind, JobStatus
from permits.choices import FollowUpKind, HersStatus, InspectionStatus, PermitStatus
from permits.models import HersVerification, Inspection, Jurisdiction, Permit, PermitPacket, SiteJurisdiction
from permits.selectors import follow_up_list

pytestmark = [pytest.mark.django_db, pytest.mark.company_time("2026-11-25 10:30")]


def test_the_demo_has_paperwork_in_every_state_and_every_kind_of_follow_up():
    call_command("seed_demo", jobs=80, verbosity=0)

    assert set(Permit.objects.values_list("status", flat=True)) == set(PermitStatus)
    assert set(Inspection.objects.values_list("status", flat=True)) >= set(InspectionStatus) - {
        InspectionStatus.CANCELLED
    }
    assert set(HersVerification.objects.values_list("status", flat=True)) >= {HersStatus.PASSED, HersStatus.FAILED}
    assert Inspection.objects.filter(status=InspectionStatus.FAILED, correction_job__kind=JobKind.CORRECTION).exists()
    assert PermitPacket.objects.filter(mailed_on__isnull=False).exists()
    assert PermitPacket.objects.filter(mailed_on__isnull=True).exists()
    assert Jurisdiction.objects.filter(name="City of Clovis", cities=["clovis"]).exists()
    assert SiteJurisdiction.objects.exists()
    assert {line.kind for line in follow_up_list()} == set(FollowUpKind)

    # An inspected job stands on a passed final inspection, HERS and its Title 24 forms.
    done = Permit.objects.filter(
        job__kind=JobKind.INSTALL, job__status__in=[JobStatus.INSPECTED, JobStatus.INVOICED, JobStatus.CLOSED]
    ).select_related("job")
    assert done.exists()
    for permit in done:
        job = permit.job
        assert permit.status == PermitStatus.FINALED
        assert job.inspections.filter(kind="final", status=InspectionStatus.PASSED).exists()
        if job.title24:
            assert set(job.title24_forms.values_list("kind", flat=True)) == {"cf1r", "cf2r", "cf3r"}
            assert job.hers_verifications.filter(status=HersStatus.PASSED).exists()
