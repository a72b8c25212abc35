"""An inspection request from the phone is kept once: the same request id sent again (even while the
first copy is still being saved) returns the first request, and a job has one open request per kind."""

import uuid
from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from field.choices import InspectionKind, InspectionRequestStatus
from field.models import InspectionRequest
from field.services import inspection_request_create
from installops.errors import DomainError
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
def test_the_same_request_id_arriving_twice_at_once_returns_the_first_request(installer, visit):
    request_id = uuid.uuid4()

    def ask():
        return inspection_request_create(
            visit=visit, by=installer, kind=InspectionKind.FINAL, note="Ready for final", client_uuid=request_id
        )

    outcomes = two_at_once(ask, ask)

    assert all(isinstance(outcome, InspectionRequest) for outcome in outcomes.values()), outcomes
    assert outcomes["first"].pk == outcomes["second"].pk
    assert InspectionRequest.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_phones_asking_for_the_same_inspection_at_once_make_one_request(installer, visit):
    def ask():
        return inspection_request_create(visit=visit, by=installer, kind=InspectionKind.FINAL, client_uuid=uuid.uuid4())

    outcomes = two_at_once(ask, ask)

    assert isinstance(outcomes["first"], InspectionRequest), outcomes
    assert isinstance(outcomes["second"], DomainError), outcomes
    assert "already has a request for a final" in outcomes["second"].message
    assert InspectionRequest.objects.count() == 1


@pytest.mark.django_db
def test_a_request_sent_again_from_the_phone_answers_with_the_first_one(client_as, installer, visit):
    client = client_as(installer)
    data = {"kind": InspectionKind.FINAL, "note": "Ready for final", "client_uuid": str(uuid.uuid4())}
    url = reverse("field:visit_inspection", args=[visit.pk])

    answers = [client.post(url, data, **JSON) for _ in range(2)]

    assert [answer.status_code for answer in answers] == [200, 200]
    assert InspectionRequest.objects.get().note == "Ready for final"


@pytest.mark.django_db
def test_the_database_keeps_one_open_request_per_kind_and_job(installer, visit):
    fields = {"visit": visit, "job": visit.job, "kind": InspectionKind.FINAL, "requested_by": installer}
    first = InspectionRequest.objects.create(**fields, client_uuid=uuid.uuid4())
    with pytest.raises(IntegrityError), transaction.atomic():
        InspectionRequest.objects.create(**fields, client_uuid=uuid.uuid4())

    # Once the office handled it, the crew may ask again.
    first.status, first.handled_at = InspectionRequestStatus.HANDLED, timezone.now()
    first.save()
    assert InspectionRequest.objects.create(**fields, client_uuid=uuid.uuid4()).pk != first.pk
