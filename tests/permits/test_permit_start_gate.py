"""An install visit cannot start (on my way, on site) without an issued permit, unless a coordinator
let it with a reason; the phone and the office's visit page say why in words."""

import uuid

import pytest
from django.urls import reverse

from installops.errors import DomainError
from jobs.choices import JobKind
from permits import selectors, services
from permits.choices import PermitStatus
from permits.models import PermitStartOverride
from scheduling.choices import VisitStatus
from scheduling.models import VisitStatusChange
from scheduling.services import visit_set_dispatch_status
from tests.jobs.factories import JobFactory
from tests.lifecycle_facts import issue_permit
from tests.notifications.factories import visit_on
from tests.permits.factories import PermitFactory

pytestmark = [pytest.mark.django_db, pytest.mark.company_time("2026-11-27 10:00")]
S = VisitStatus
REFUSAL = "No issued permit for this job: ask the office."


@pytest.fixture
def visit(installer, company_clock):
    return visit_on(company_clock.today, hour=8, crew=installer.crew)


def assert_not_started(visit):
    visit.refresh_from_db()
    assert (visit.status, visit.on_my_way_at, visit.on_site_at) == (S.SCHEDULED, None, None)
    assert not VisitStatusChange.objects.filter(visit=visit, to_status__in=[S.ON_MY_WAY, S.ON_SITE]).exists()


@pytest.mark.parametrize("to_status", [S.ON_MY_WAY, S.ON_SITE])
@pytest.mark.parametrize("permit_status", [None, PermitStatus.TO_APPLY, PermitStatus.APPLIED, PermitStatus.EXPIRED])
def test_an_install_without_an_issued_permit_does_not_start(visit, installer, to_status, permit_status):
    if permit_status:
        PermitFactory(job=visit.job, status=permit_status, number="B26-1" if permit_status == "expired" else "")
    with pytest.raises(DomainError, match=REFUSAL) as refused:
        visit_set_dispatch_status(visit=visit, to_status=to_status, by=installer)
    assert refused.value.field == "to_status"
    assert_not_started(visit)


def test_an_install_with_its_issued_permit_starts(visit, installer):
    issue_permit(visit.job)
    assert visit_set_dispatch_status(visit=visit, to_status=S.ON_MY_WAY, by=installer).status == S.ON_MY_WAY


def test_a_confirmation_and_a_completion_entered_later_are_not_held(visit, coordinator):
    visit = visit_set_dispatch_status(visit=visit, to_status=S.CONFIRMED, by=coordinator)
    assert visit_set_dispatch_status(visit=visit, to_status=S.COMPLETED, by=coordinator).status == S.COMPLETED


@pytest.mark.parametrize("kind", [JobKind.WARRANTY, JobKind.MAINTENANCE])
def test_a_service_call_starts_without_a_permit(installer, company_clock, kind):
    visit = visit_on(company_clock.today, crew=installer.crew, job=JobFactory(kind=kind))
    assert visit_set_dispatch_status(visit=visit, to_status=S.ON_MY_WAY, by=installer).status == S.ON_MY_WAY


def test_an_exempted_install_starts_without_a_permit(visit, installer, coordinator):
    services.permit_exempt(job=visit.job, reason="Thermostat only, sold as an install.", by=coordinator)
    assert visit_set_dispatch_status(visit=visit, to_status=S.ON_MY_WAY, by=installer).status == S.ON_MY_WAY


def test_a_coordinators_override_lets_it_start_and_is_kept(visit, installer, coordinator, company_clock):
    override = services.permit_start_override_grant(
        job=visit.job, reason="Permit approved by phone; card arrives Monday.", by=coordinator
    )
    assert (override.granted_by, override.granted_at) == (coordinator, company_clock.now)
    assert selectors.permit_start_refusal(job=visit.job) == ""
    assert visit_set_dispatch_status(visit=visit, to_status=S.ON_MY_WAY, by=installer).status == S.ON_MY_WAY
    assert list(PermitStartOverride.objects.filter(job=visit.job).values_list("reason", flat=True)) == [
        "Permit approved by phone; card arrives Monday."
    ]


def test_an_override_needs_a_reason_and_the_coordinators_permission(visit, installer, coordinator, accounting):
    with pytest.raises(DomainError, match="Say why"):
        services.permit_start_override_grant(job=visit.job, reason=" ", by=coordinator)
    for user in (installer, accounting):
        with pytest.raises(DomainError, match="Only a coordinator"):
            services.permit_start_override_grant(job=visit.job, reason="Hurry.", by=user)
    assert not PermitStartOverride.objects.exists()


def test_there_is_nothing_to_override_once_the_permit_is_issued(visit, coordinator):
    issue_permit(visit.job)
    with pytest.raises(DomainError, match="nothing to override"):
        services.permit_start_override_grant(job=visit.job, reason="Just in case.", by=coordinator)


def test_the_phone_says_why_in_words(client_as, installer, visit):
    client = client_as(installer)
    data = {"to_status": "on_my_way", "client_uuid": str(uuid.uuid4())}
    response = client.post(reverse("field:visit_status", args=[visit.pk]), data, HTTP_ACCEPT="application/json")
    assert response.status_code == 409
    assert response.json()["message"] == REFUSAL

    data["client_uuid"] = str(uuid.uuid4())
    response = client.post(reverse("field:visit_status", args=[visit.pk]), data, follow=True)
    assert REFUSAL in response.content.decode()
    assert_not_started(visit)


def test_the_office_visit_page_says_why_in_words(client_as, coordinator, visit):
    response = client_as(coordinator).post(
        reverse("scheduling:visit_status", args=[visit.pk]), {"to_status": "on_my_way"}
    )
    assert response.status_code == 400
    assert REFUSAL in response.content.decode()
    assert_not_started(visit)
