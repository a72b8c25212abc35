"""An inspection asked for from the crew's phone is one inspection to book: the same request id sent
again (even while the first copy is still being saved) returns the first, and a job has one open
inspection per kind."""

import uuid
from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from field.services import visit_inspection_request
from installops.clock import company_today
from installops.errors import DomainError
from permits.choices import InspectionKind, InspectionRequestedVia, InspectionStatus
from permits.models import Inspection
from tests.concurrency import two_at_once
from tests.jobs.factories import JobFactory
from tests.scheduling.factories import VisitFactory

JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def visit(installer):
    now = timezone.now()
    return VisitFactory(
        job=JobFactory(), crew=installer.crew, starts_at=now - timedelta(hours=1), ends_at=now + timedelta(hours=3)
    )


@pytest.mark.django_db(transaction=True)
def test_the_same_request_id_arriving_twice_at_once_returns_the_first_inspection(installer, visit):
    request_id = uuid.uuid4()

    def ask():
        return visit_inspection_request(
            visit=visit, by=installer, kind=InspectionKind.FINAL, note="Ready for final", client_uuid=request_id
        )

    outcomes = two_at_once(ask, ask)

    assert all(isinstance(outcome, Inspection) for outcome in outcomes.values()), outcomes
    assert outcomes["first"].pk == outcomes["second"].pk
    assert Inspection.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_phones_asking_for_the_same_inspection_at_once_make_one(installer, visit):
    def ask():
        return visit_inspection_request(visit=visit, by=installer, kind=InspectionKind.FINAL, client_uuid=uuid.uuid4())

    outcomes = two_at_once(ask, ask)

    assert isinstance(outcomes["first"], Inspection), outcomes
    assert isinstance(outcomes["second"], DomainError), outcomes
    assert "already has a final inspection" in outcomes["second"].message
    assert Inspection.objects.count() == 1


@pytest.mark.django_db
def test_a_request_sent_again_from_the_phone_answers_with_the_first_one(client_as, installer, visit):
    client = client_as(installer)
    data = {"kind": InspectionKind.FINAL, "note": "Ready for final", "client_uuid": str(uuid.uuid4())}
    url = reverse("field:visit_inspection", args=[visit.pk])

    answers = [client.post(url, data, **JSON) for _ in range(2)]

    assert [answer.status_code for answer in answers] == [200, 200]
    inspection = Inspection.objects.get()
    assert (inspection.request_note, inspection.requested_via, inspection.requested_by, inspection.status) == (
        "Ready for final",
        InspectionRequestedVia.CREW_PHONE,
        installer,
        InspectionStatus.TO_BOOK,
    )


@pytest.mark.django_db
def test_the_database_keeps_one_open_inspection_per_kind_and_job(visit):
    fields = {"job": visit.job, "kind": InspectionKind.FINAL}
    first = Inspection.objects.create(**fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        Inspection.objects.create(**fields)

    # Once it has its result, the crew may ask again.
    first.status, first.scheduled_on, first.result_on = InspectionStatus.PASSED, company_today(), company_today()
    first.save()
    assert Inspection.objects.create(**fields).pk != first.pk
