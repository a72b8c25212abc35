"""Close-out: times, checklist per job kind, timecards, the actual lead; nothing closes while something is missing."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from jobs.models import RequiredPaperwork
from scheduling.choices import VisitStatus
from scheduling.models import CloseoutItem, Timecard
from scheduling.selectors import timecard_hours_for_job
from tests.jobs.factories import JobFactory
from tests.scheduling.factories import CrewFactory, EmployeeFactory, VisitFactory

# Friday 27 November 2026, late afternoon: the office closes out the day's visit.
pytestmark = [pytest.mark.django_db, pytest.mark.company_time("2026-11-27 17:30")]


@pytest.fixture
def visit():
    helper = EmployeeFactory(role="installer", user__first_name="Kyle", user__last_name="Brandt")
    crew = CrewFactory(name="Crew Ortega", members=[helper])
    start = timezone.now() - timedelta(hours=9)
    return VisitFactory(
        crew=crew, job=JobFactory(primary_tech=None), starts_at=start, ends_at=start + timedelta(hours=8),
        status=VisitStatus.ON_SITE, on_site_at=start + timedelta(minutes=10),
    )  # fmt: skip


def post(client, visit, *, close=True, ticks=None, hours=None, lead=None, completed=None):
    items = CloseoutItem.objects.filter(kind=visit.job.kind)
    data = {
        "on_site_at": timezone.localtime(visit.on_site_at).strftime("%Y-%m-%dT%H:%M"),
        "completed_at": completed or timezone.localtime(visit.ends_at).strftime("%Y-%m-%dT%H:%M"),
        "actual_lead": (lead or visit.crew.lead).pk,
        "checklist": [item.pk for item in items] if ticks is None else ticks,
    }
    for employee in visit.crew.members.all():
        data[f"hours_{employee.pk}"] = (hours or {}).get(employee.pk, "7.5")
    if close:
        data["close"] = "1"
    return client.post(reverse("scheduling:visit_closeout", args=[visit.pk]), data, follow=True)


def test_a_complete_close_out_closes_the_visit_records_hours_and_the_lead(client_as, coordinator, visit):
    RequiredPaperwork.objects.filter(job_kind=visit.job.kind).delete()  # this office asks for no paperwork
    response = post(client_as(coordinator), visit)
    assert "closed out" in response.content.decode()
    visit.refresh_from_db()
    assert visit.status == VisitStatus.CLOSED_OUT
    assert visit.completed_at
    assert visit.closed_out_at
    assert visit.actual_lead == visit.crew.lead
    visit.job.refresh_from_db()
    assert visit.job.primary_tech == visit.crew.lead.user
    assert Timecard.objects.filter(visit=visit).count() == 2
    assert timecard_hours_for_job(job=visit.job) == Decimal("15.00")
    assert visit.checklist_ticks.count() == CloseoutItem.objects.filter(kind=visit.job.kind).count()


def test_what_is_missing_is_listed_and_what_was_entered_is_kept(client_as, coordinator, visit):
    first_item = CloseoutItem.objects.filter(kind=visit.job.kind).first()
    response = post(
        client_as(coordinator),
        visit,
        ticks=[first_item.pk],
        hours={
            visit.crew.lead.pk: "",
        },
    )
    html = response.content.decode()
    assert "cannot be closed out yet" in html
    assert "Model and serial numbers recorded” not checked" in html
    visit.refresh_from_db()
    assert visit.status == VisitStatus.COMPLETED  # the completed time was entered
    assert list(visit.checklist_ticks.values_list("item_id", flat=True)) == [first_item.pk]
    assert Timecard.objects.filter(visit=visit).count() == 1  # the helper's hours were kept


def test_paperwork_missing_from_the_folder_blocks_the_close_out(client_as, coordinator, visit):
    response = post(client_as(coordinator), visit)
    assert "not in the job folder" in response.content.decode()
    visit.refresh_from_db()
    assert visit.status == VisitStatus.COMPLETED


def test_the_checklist_depends_on_the_job_kind(visit):
    labels = set(CloseoutItem.objects.filter(kind="maintenance").values_list("label", flat=True))
    assert "Filter changed" in labels
    assert "Model and serial numbers recorded" not in labels


def test_a_completed_time_before_on_site_is_refused(client_as, coordinator, visit):
    early = timezone.localtime(visit.on_site_at - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    response = post(client_as(coordinator), visit, completed=early)
    assert response.status_code == 400
    assert "Completed must be after on site" in response.content.decode()
    visit.refresh_from_db()
    assert visit.status == VisitStatus.ON_SITE


def test_hours_are_checked(client_as, coordinator, visit):
    response = post(client_as(coordinator), visit, hours={visit.crew.lead.pk: "30"})
    assert response.status_code == 400
    assert not Timecard.objects.filter(visit=visit).exists()


def test_only_the_office_closes_out(client_as, installer, accounting):
    own = VisitFactory(crew=installer.crew, status=VisitStatus.COMPLETED)
    assert client_as(installer).get(reverse("scheduling:visit_closeout", args=[own.pk])).status_code == 403
    assert client_as(accounting).get(reverse("scheduling:visit_closeout", args=[own.pk])).status_code == 403
