"""Who may see and set what on a visit: the office everything, installers their own crew's visits."""

import pytest

from scheduling.choices import VisitStatus
from scheduling.selectors import visit_list_visible_to, visit_statuses_settable_by
from tests.scheduling.factories import EmployeeFactory, VisitFactory

pytestmark = pytest.mark.django_db


def test_installers_see_only_their_own_crews_visits(installer, other_installer, coordinator):
    own = VisitFactory(crew=installer.crew)
    other = VisitFactory(crew=other_installer.crew)

    assert list(visit_list_visible_to(installer)) == [own]
    assert list(visit_list_visible_to(other_installer)) == [other]
    assert set(visit_list_visible_to(coordinator)) == {own, other}


def test_a_crew_member_who_is_not_the_lead_sees_the_crews_visits(installer):
    member = EmployeeFactory(role="installer")
    member.user.groups.add(*installer.groups.all())
    installer.crew.members.add(member)
    own = VisitFactory(crew=installer.crew)
    assert list(visit_list_visible_to(member.user)) == [own]


def test_installers_set_field_statuses_on_their_own_crews_visits_only(installer, other_installer):
    own = VisitFactory(crew=installer.crew)
    other = VisitFactory(crew=other_installer.crew)

    assert installer.has_perm("scheduling.set_visit_dispatch_status", own)
    assert not installer.has_perm("scheduling.set_visit_dispatch_status", other)
    assert visit_statuses_settable_by(visit=own, user=installer) == [
        VisitStatus.ON_MY_WAY,
        VisitStatus.ON_SITE,
        VisitStatus.COMPLETED,
    ]
    assert visit_statuses_settable_by(visit=other, user=installer) == []
    assert not installer.has_perm("scheduling.move_visit", own)
    assert not installer.has_perm("scheduling.close_out", own)


def test_the_office_sets_every_status_and_accounting_only_looks(coordinator, accounting):
    visit = VisitFactory(status=VisitStatus.COMPLETED)
    assert visit_statuses_settable_by(visit=visit, user=coordinator) == [VisitStatus.CLOSED_OUT]
    assert coordinator.has_perm("scheduling.move_visit", VisitFactory())
    assert accounting.has_perm("scheduling.open_visit", visit)
    assert accounting.has_perm("scheduling.view_board")
    assert visit_statuses_settable_by(visit=visit, user=accounting) == []
    assert not accounting.has_perm("scheduling.book_visit")


def test_salespeople_see_no_visits(salesperson):
    VisitFactory()
    assert not visit_list_visible_to(salesperson).exists()
