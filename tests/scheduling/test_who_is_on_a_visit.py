"""Who is on a visit — the crew's lead, its members and the technician — is one definition, read the
same way by the job-access rule, the double-booking check, the phone's "my day" and the page-out."""

import pytest

from notifications.models import CrewPage
from notifications.services import page_out_sweep
from people.choices import EmployeeRole
from scheduling.models import Visit
from scheduling.selectors import (
    VISIT_PEOPLE_PREFETCH,
    VISIT_PEOPLE_SELECT,
    visit_people,
    visit_people_ids,
    visit_q_worked_by,
)
from tests.notifications.factories import visit_on
from tests.people.factories import EmployeeFactory
from tests.scheduling.factories import CrewFactory

pytestmark = [pytest.mark.django_db, pytest.mark.company_time("17:00")]


@pytest.fixture
def visit():
    lead = EmployeeFactory(role=EmployeeRole.LEAD_INSTALLER)
    helper = EmployeeFactory()
    technician = EmployeeFactory(role=EmployeeRole.TECH)
    return visit_on(hour=8, crew=CrewFactory(lead=lead, members=[helper]), technician=technician)


def test_the_lead_the_members_and_the_technician_each_once(visit):
    crew = visit.crew
    people = visit_people(Visit.objects.select_related(*VISIT_PEOPLE_SELECT).get(pk=visit.pk))

    assert people[0] == crew.lead  # the lead first, then the crew, then the technician
    assert people[-1] == visit.technician
    assert sorted(person.pk for person in people) == sorted(
        {*crew.members.values_list("pk", flat=True), visit.technician_id}
    )
    assert visit_people_ids(visit) == {person.pk for person in people}


def test_the_filter_finds_the_visit_for_each_of_them_and_nobody_else(visit):
    for person in visit_people(visit):
        assert Visit.objects.filter(visit_q_worked_by(person.user)).filter(pk=visit.pk).exists()
        assert Visit.objects.filter(visit_q_worked_by(employee_ids=[person.pk])).filter(pk=visit.pk).exists()
    stranger = EmployeeFactory()
    assert not Visit.objects.filter(visit_q_worked_by(stranger.user)).exists()


def test_a_list_of_visits_loaded_with_the_prefetch_costs_no_query_per_visit(visit, django_assert_num_queries):
    for _ in range(3):
        visit_on(hour=14, crew=CrewFactory(members=[EmployeeFactory()]))
    with django_assert_num_queries(2):  # the visits, then every crew's members
        visits = list(Visit.objects.select_related(*VISIT_PEOPLE_SELECT).prefetch_related(VISIT_PEOPLE_PREFETCH))
        names = [str(person) for loaded in visits for person in visit_people(loaded)]
    assert len(names) == 3 + 3 * 2


def test_the_page_out_pages_the_technician_booked_with_a_crew_too(visit, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page_out_sweep()

    paged = set(CrewPage.objects.values_list("employee_id", flat=True))
    assert paged == {person.pk for person in visit_people(visit)}
