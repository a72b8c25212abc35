"""The follow-up page: who opens it, its filter, its menu badge, the install administrator's start
page, and a fixed number of queries at 10 and 5,000 permits."""

import pytest
from django.urls import reverse

from conftest import make_staff
from jobs.choices import JobStatus
from people.choices import EmployeeRole
from permits.choices import FollowUpKind, InspectionStatus
from permits.selectors import follow_up_list
from tests.jobs.factories import JobFactory

from .follow_up_data import bulk_follow_up_rows, days_ago, inspection

pytestmark = [pytest.mark.django_db, pytest.mark.company_time("2026-11-18 09:00")]
URL = reverse("permits:follow_up")


@pytest.fixture
def install_admin(db):
    return make_staff("install_admin", EmployeeRole.INSTALL_ADMIN)


def test_the_install_administrator_starts_the_day_on_the_follow_up_list(client_as, install_admin):
    response = client_as(install_admin).get(reverse("home"))

    assert response.status_code == 302
    assert response["Location"] == URL


def test_each_line_shows_the_job_the_customer_what_and_a_link_to_the_fix(client_as, install_admin):
    job = JobFactory(sold_on=days_ago(9))

    response = client_as(install_admin).get(URL)

    page = response.content.decode()
    assert response.status_code == 200
    assert job.number in page
    assert job.customer.name in page
    assert "Permit to apply for" in page
    assert "9 days" in page
    assert f'href="/jobs/{job.pk}/#panel-permit"' in page


def test_the_list_filters_by_kind_and_ignores_a_kind_it_does_not_know(client_as, install_admin):
    to_apply = JobFactory(sold_on=days_ago(9))
    failed = JobFactory(status=JobStatus.INSTALLED, sold_on=days_ago(1))
    inspection(failed, status=InspectionStatus.FAILED, result_on=days_ago(1))
    client = client_as(install_admin)

    only_failed = client.get(URL, {"kind": FollowUpKind.INSPECTION_FAILED}).content.decode()
    junk = client.get(URL, {"kind": "<script>"})

    assert failed.number in only_failed
    assert "Failed inspection, not rebooked (1)</option>" in only_failed
    assert "Every kind (2)</option>" in only_failed
    assert to_apply.number not in only_failed
    assert junk.status_code == 200
    assert to_apply.number in junk.content.decode()
    assert failed.number in junk.content.decode()
    assert "Kind ignored" in junk.content.decode()


def test_the_menu_badge_counts_the_lines(client_as, install_admin, coordinator):
    JobFactory(sold_on=days_ago(9))
    JobFactory(sold_on=days_ago(19))

    badge = client_as(install_admin).get(reverse("permits:follow_up_count")).content.decode()
    home = client_as(coordinator).get(reverse("jobs:job_list")).content.decode()

    assert ">2</span>" in badge
    assert reverse("permits:follow_up_count") in home
    assert URL in home


def test_the_job_page_has_an_anchor_for_each_panel(client_as, coordinator):
    job = JobFactory()

    page = client_as(coordinator).get(reverse("jobs:job_detail", args=[job.pk])).content.decode()

    assert 'id="panel-visits"' in page


def test_others_see_neither_the_list_nor_its_menu_item(client_as, accounting, salesperson, installer):
    for user in (accounting, salesperson, installer):
        client = client_as(user)
        assert client.get(URL).status_code == 403
        assert client.get(reverse("permits:follow_up_count")).status_code == 403
        assert URL not in client.get(reverse("jobs:job_list")).content.decode()


@pytest.mark.parametrize("permits", [10, 5000])
def test_the_page_runs_a_fixed_number_of_queries(client_as, install_admin, django_assert_max_num_queries, permits):
    bulk_follow_up_rows(permits)
    client = client_as(install_admin)
    assert {line.kind for line in follow_up_list()} == set(FollowUpKind) - {FollowUpKind.TO_APPLY}

    # Session, user, permissions and groups, then one query per kind.
    with django_assert_max_num_queries(5 + len(FollowUpKind)):
        response = client.get(URL)
    with django_assert_max_num_queries(5 + len(FollowUpKind)):
        client.get(reverse("permits:follow_up_count"))
    assert response.status_code == 200
