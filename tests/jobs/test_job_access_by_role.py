"""Who may open, edit and move which job: every role, the allowed paths and the denials."""

import pytest
from django.urls import reverse

from jobs.choices import JobStatus
from tests.jobs.factories import JobFactory
from tests.lifecycle_facts import job_with_facts, post_invoice
from tests.scheduling.factories import VisitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def crew_job(installer):
    """A job the installer's crew is booked on."""
    return VisitFactory(crew=installer.crew).job


@pytest.fixture
def other_crew_job(other_installer):
    return VisitFactory(crew=other_installer.crew).job


def test_anonymous_visitors_are_sent_to_sign_in(client):
    job = JobFactory()
    for url in [reverse("jobs:job_list"), job.get_absolute_url(), reverse("jobs:job_create")]:
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("role", ["coordinator", "accounting"])
def test_the_office_sees_every_job(request, client_as, role):
    user = request.getfixturevalue(role)
    jobs = JobFactory.create_batch(3)
    client = client_as(user)

    listing = client.get(reverse("jobs:job_list"))
    assert listing.status_code == 200
    assert {job.number for job in jobs} <= {job.number for job in listing.context["object_list"]}
    assert client.get(jobs[0].get_absolute_url()).status_code == 200


def test_an_installer_sees_only_their_crews_jobs(client_as, installer, crew_job, other_crew_job):
    client = client_as(installer)

    listing = client.get(reverse("jobs:job_list"))
    assert [job.pk for job in listing.context["object_list"]] == [crew_job.pk]
    assert client.get(crew_job.get_absolute_url()).status_code == 200
    # Another crew's job does not exist as far as this installer can tell.
    assert client.get(other_crew_job.get_absolute_url()).status_code == 404
    assert client.post(reverse("jobs:document_upload", args=[other_crew_job.pk])).status_code == 404
    # What their role may not do at all is a 403 for any job, theirs or not: it confirms nothing.
    assert client.get(reverse("jobs:job_edit", args=[other_crew_job.pk])).status_code == 403


def test_an_installer_cannot_edit_move_or_create_jobs(client_as, installer, crew_job):
    client = client_as(installer)

    assert client.get(reverse("jobs:job_edit", args=[crew_job.pk])).status_code == 403
    response = client.post(reverse("jobs:job_status_change", args=[crew_job.pk]), {"to_status": "scheduled"})
    assert response.status_code == 403
    assert client.get(reverse("jobs:job_create")).status_code == 403
    assert client.get(reverse("jobs:customer_list")).status_code == 403
    crew_job.refresh_from_db()
    assert crew_job.status == JobStatus.SOLD


def test_an_installer_does_not_see_prices(client_as, installer, crew_job):
    page = client_as(installer).get(crew_job.get_absolute_url()).content.decode()
    assert "12,500.00" not in page
    assert "Move the job" not in page


def test_a_salesperson_sees_the_jobs_they_sold_and_nothing_else(client_as, salesperson):
    mine = JobFactory(salesperson=salesperson)
    theirs = JobFactory()
    client = client_as(salesperson)

    listing = client.get(reverse("jobs:job_list"))
    assert [job.pk for job in listing.context["object_list"]] == [mine.pk]
    assert client.get(theirs.get_absolute_url()).status_code == 404
    assert client.get(reverse("jobs:job_edit", args=[mine.pk])).status_code == 403


def test_accounting_moves_jobs_but_does_not_edit_or_create_them(client_as, accounting):
    job = job_with_facts(JobStatus.INSPECTED)
    post_invoice(job)
    client = client_as(accounting)

    assert client.get(reverse("jobs:job_edit", args=[job.pk])).status_code == 403
    assert client.get(reverse("jobs:job_create")).status_code == 403
    response = client.post(reverse("jobs:job_status_change", args=[job.pk]), {"to_status": "invoiced"})
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == JobStatus.INVOICED


def test_a_user_without_a_role_sees_nothing(client_as, db):
    from tests.jobs.factories import UserFactory

    job = JobFactory()
    client = client_as(UserFactory())
    assert client.get(reverse("jobs:job_list")).status_code == 403
    assert client.get(job.get_absolute_url()).status_code == 403


def test_closed_jobs_cannot_be_edited_even_by_the_office(client_as, coordinator):
    job = JobFactory(status=JobStatus.CLOSED)
    assert client_as(coordinator).get(reverse("jobs:job_edit", args=[job.pk])).status_code == 403
