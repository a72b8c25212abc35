"""A job's messages and confirmation answers, shown on its page (loaded from this app's URL)."""

import pytest
from django.urls import reverse

from notifications.choices import ConfirmationSource
from notifications.services import confirmation_sweep, visit_confirmation_record
from tests.jobs.factories import CustomerFactory

from .factories import visit_on

pytestmark = [pytest.mark.django_db, pytest.mark.company_time("11:00")]


@pytest.fixture
def answered_visit(installer, django_capture_on_commit_callbacks):
    visit = visit_on(crew=installer.crew, customer=CustomerFactory(name="Maria Lopez", email=""))
    with django_capture_on_commit_callbacks(execute=True):
        confirmation_sweep()
    visit_confirmation_record(
        visit=visit, source=ConfirmationSource.CUSTOMER_REPLY, outcome="reschedule_requested", note="Tuesday better"
    )
    return visit


def panel_url(visit):
    return reverse("notifications:job_messages", args=[visit.job_id])


def test_the_job_page_loads_the_panel(client_as, coordinator, answered_visit):
    page = client_as(coordinator).get(answered_visit.job.get_absolute_url()).content.decode()
    assert f'hx-get="{panel_url(answered_visit)}"' in page


def test_the_panel_lists_every_message_and_answer(client_as, coordinator, answered_visit):
    response = client_as(coordinator).get(panel_url(answered_visit))
    content = response.content.decode()
    assert response.status_code == 200
    assert content.count("Day-before confirmation") == 2
    assert "Text message: sent" in content
    assert "Email: skipped" in content
    assert "No email address on file" in content
    assert "Reschedule requested" in content
    assert "customer answered online" in content
    assert "Tuesday better" in content


def test_the_crews_installer_sees_it_and_another_crew_gets_a_404(client_as, installer, other_installer, answered_visit):
    assert client_as(installer).get(panel_url(answered_visit)).status_code == 200
    assert client_as(other_installer).get(panel_url(answered_visit)).status_code == 404


def test_the_panel_runs_a_constant_number_of_queries(
    client_as, coordinator, answered_visit, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    client = client_as(coordinator)
    client.get(panel_url(answered_visit))
    with django_assert_max_num_queries(7):
        client.get(panel_url(answered_visit))
    for hour in (13, 18):
        visit_on(hour=hour, job=answered_visit.job)
    with django_capture_on_commit_callbacks(execute=True):
        confirmation_sweep()
    with django_assert_max_num_queries(7):
        response = client.get(panel_url(answered_visit))
    assert response.content.decode().count("Day-before confirmation") == 6


def test_a_salesperson_sees_their_own_sales_messages_only(client_as, salesperson, answered_visit):
    client = client_as(salesperson)
    assert client.get(panel_url(answered_visit)).status_code == 404
    answered_visit.job.salesperson = salesperson
    answered_visit.job.save()
    assert client.get(panel_url(answered_visit)).status_code == 200


def test_signed_out_visitors_are_sent_to_sign_in(client, answered_visit):
    response = client.get(panel_url(answered_visit))
    assert response.status_code == 302
    assert "/login/" in response["Location"]
