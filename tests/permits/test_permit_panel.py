"""The permit panel on the job page: what each role sees, the office's steps posted by htmx, refusals
shown in the panel with the entries kept, and a fixed number of queries however many permits exist."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from conftest import make_staff
from jobs.choices import JobStatus
from jobs.models import Customer, Job, Site
from people.choices import EmployeeRole
from permits import services
from permits.choices import PermitStatus
from permits.models import Permit
from tests.jobs.factories import JobFactory
from tests.jobs.files import pdf_bytes, upload
from tests.lifecycle_facts import job_with_facts
from tests.permits.factories import JurisdictionFactory
from tests.scheduling.factories import VisitFactory

pytestmark = [pytest.mark.django_db, pytest.mark.company_time("2026-11-27 10:00")]
TODAY = date(2026, 11, 27)
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def fresno():
    return JurisdictionFactory(
        name="City of Fresno", cities=["fresno"], phone="(559) 621-8082",
        portal_url="https://permits.example.org/fresno", typical_days_to_issue=12,
    )  # fmt: skip


@pytest.fixture
def job(fresno, installer, salesperson):
    job = JobFactory(salesperson=salesperson)
    VisitFactory(job=job, crew=installer.crew)
    return job


@pytest.fixture
def issued(job, fresno, coordinator):
    permit = services.permit_open(
        job=job, jurisdiction=fresno, fee=Decimal("412.50"), applied_on=TODAY - timedelta(days=9), by=coordinator
    )
    return services.permit_record_issued(permit=permit, number="B26-04417", issued_on=TODAY, by=coordinator)


def panel(client, job) -> str:
    response = client.get(reverse("permits:permit_panel", args=[job.pk]))
    assert response.status_code == 200
    return response.content.decode()


def post(client, job, step: str, data: dict, **extra):
    return client.post(reverse(f"permits:permit_{step}", args=[job.pk]), data, **extra)


@pytest.mark.parametrize("role", [EmployeeRole.COORDINATOR, EmployeeRole.INSTALL_ADMIN])
def test_the_office_sees_the_department_and_the_first_steps(client_as, job, role):
    html = panel(client_as(make_staff(f"office-{role}", role)), job)
    assert "City of Fresno" in html
    assert "https://permits.example.org/fresno" in html
    assert "(559) 621-8082" in html
    assert "usually 12 days to issue" in html
    assert "needs a building permit" in html
    for label in ("Start the permit", "No permit needed", "Let the install start without the permit",
                  "Change the building department"):  # fmt: skip
        assert label in html
    assert "Enter the permit number" not in html


def test_a_coordinator_applies_and_enters_the_number_through_the_panel(client_as, coordinator, job, fresno):
    client = client_as(coordinator)
    response = post(client, job, "open", {"jurisdiction": fresno.pk, "fee": "412.50", "applied_on": "2026-11-18"},
                    **HTMX)  # fmt: skip
    assert response.status_code == 200
    html = response.content.decode()
    assert "Applied" in html
    assert "$412.50" in html
    assert "Title 24 2025" in html
    assert "Enter the permit number" in html

    response = post(client, job, "issue", {"number": "B26-04417", "issued_on": "2026-11-27"}, **HTMX)
    html = response.content.decode()
    assert 'data-testid="permit-number">B26-04417<' in html
    assert "Issued: the job can be moved to Permitted." not in html  # the job is sold, not scheduled
    permit = Permit.objects.get(job=job)
    assert (permit.status, permit.expires_on) == (PermitStatus.ISSUED, TODAY + timedelta(days=180))


def test_a_refused_step_shows_in_the_panel_with_the_entries_kept(client_as, coordinator, job, fresno):
    client = client_as(coordinator)
    post(client, job, "open", {"jurisdiction": fresno.pk, "applied_on": "2026-11-20"}, **HTMX)
    response = post(client, job, "issue", {"number": "B26-1", "issued_on": "2026-11-10", "expires_on": ""}, **HTMX)
    assert response.status_code == 200  # htmx swaps the panel with the refusal in it
    html = response.content.decode()
    assert "The issue date is before the application (Nov 20, 2026)." in html
    assert 'value="B26-1"' in html
    assert 'value="2026-11-10"' in html
    assert '<details class="mb-1" data-step="issue" open>' in html
    assert Permit.objects.get(job=job).status == PermitStatus.APPLIED

    response = post(client, job, "issue", {"number": "", "issued_on": "2026-11-27"})
    assert response.status_code == 400  # without htmx: the panel, refused


def test_without_htmx_a_step_goes_back_to_the_job_page(client_as, coordinator, job, fresno):
    response = post(client_as(coordinator), job, "open", {"jurisdiction": fresno.pk})
    assert response.status_code == 302
    assert response.url == job.get_absolute_url()


def test_each_step_on_the_panel_posts_to_its_service(client_as, coordinator, job, fresno, issued):
    client = client_as(coordinator)
    html = post(client, job, "correct_number", {"number": "B26-04471", "reason": "Digits swapped."}, **HTMX)
    assert "B26-04471" in html.content.decode()
    html = post(client, job, "document", {"file": upload(pdf_bytes("Permit"), "permit.pdf")}, **HTMX).content.decode()
    assert "Permit document filed in the job folder." in html
    assert "Permit B26-04471" in html
    html = post(client, job, "finaled", {"finaled_on": "2026-11-27"}, **HTMX).content.decode()
    assert "Finaled" in html
    html = post(client, job, "jurisdiction", {"jurisdiction": JurisdictionFactory(name="Fresno County").pk},
                **HTMX).content.decode()  # fmt: skip
    assert "The site belongs to Fresno County." in html
    assert "History" in html
    assert "Number B26-04417 → B26-04471" in html


def test_reject_expire_exempt_and_override_from_the_panel(client_as, coordinator, fresno):
    client = client_as(coordinator)
    job = JobFactory()
    post(client, job, "open", {"jurisdiction": fresno.pk, "applied_on": "2026-11-20"}, **HTMX)
    html = post(client, job, "reject", {"reason": "Missing load calc."}, **HTMX).content.decode()
    assert "Earlier: no number, rejected: Missing load calc." in html
    html = post(client, job, "override", {"reason": "Approved by phone."}, **HTMX).content.decode()
    assert "May start without the permit: Approved by phone." in html
    other = JobFactory()
    html = post(client, other, "exempt", {"reason": "Thermostat only."}, **HTMX).content.decode()
    assert "No permit needed: Thermostat only." in html
    assert "A permit is needed after all" in html
    html = post(client, other, "withdraw_exemption", {"reason": "Condenser added."}, **HTMX).content.decode()
    assert "This job needs a permit after all." in html
    assert "Start the permit" in html
    expiring = JobFactory()
    post(client, expiring, "open", {"jurisdiction": fresno.pk, "applied_on": "2026-11-20"}, **HTMX)
    post(client, expiring, "issue", {"number": "B26-9", "issued_on": "2026-11-21"}, **HTMX)
    html = post(client, expiring, "expire", {"reason": ""}, **HTMX).content.decode()
    assert "Permit expired" in html


def test_a_step_on_a_job_without_a_permit_is_refused_in_words(client_as, coordinator, job):
    response = post(client_as(coordinator), job, "apply", {"applied_on": "2026-11-27"}, **HTMX)
    assert "This job has no permit yet." in response.content.decode()


def test_fees_only_for_the_office_and_accounting(client_as, coordinator, accounting, installer, salesperson, job,
                                                 issued):  # fmt: skip
    for user in (coordinator, accounting):
        assert "$412.50" in panel(client_as(user), job)
    for user in (installer, salesperson):
        html = panel(client_as(user), job)
        assert "B26-04417" in html
        assert "Issued" in html
        assert "412.50" not in html
        assert "Fee" not in html


def test_field_staff_sales_and_accounting_see_no_steps(client_as, accounting, installer, salesperson, job, issued):
    for user in (accounting, installer, salesperson):
        html = panel(client_as(user), job)
        assert "<form" not in html
        assert "History" not in html
        assert post(client_as(user), job, "issue", {"number": "X", "issued_on": "2026-11-27"}).status_code == 403


def test_others_jobs_do_not_exist_for_field_staff_and_sales(client_as, other_installer, job):
    assert client_as(other_installer).get(reverse("permits:permit_panel", args=[job.pk])).status_code == 404


def test_the_job_page_loads_the_panel(client_as, coordinator, job):
    html = client_as(coordinator).get(job.get_absolute_url()).content.decode()
    assert reverse("permits:permit_panel", args=[job.pk]) in html


def many_permits(count: int, jurisdiction) -> None:
    """`count` permits on as many jobs, written in bulk."""
    customer = Customer.objects.create(name="Bulk Customer")
    site = Site.objects.create(customer=customer, street="1 Main St", city="Fresno", zip_code="93711")
    jobs = Job.objects.bulk_create(
        Job(number=f"B{n:06d}", customer=customer, site=site, sold_on=TODAY) for n in range(count)
    )
    Permit.objects.bulk_create(
        Permit(
            job=job,
            jurisdiction=jurisdiction,
            status=PermitStatus.ISSUED,
            number=f"N-{job.pk}",
            applied_on=TODAY,
            issued_on=TODAY,
            fee=Decimal("100"),
        )  # fmt: skip
        for job in jobs
    )


@pytest.mark.parametrize("count", [10, 5000])
def test_the_panel_runs_a_fixed_number_of_queries(client_as, coordinator, job, fresno, issued, count,
                                                  django_assert_max_num_queries):  # fmt: skip
    many_permits(count, fresno)
    for reason in ("Wrong department.", "Plans incomplete."):
        services.permit_start_override_grant(job=JobFactory(), reason=reason, by=coordinator)
    client = client_as(coordinator)
    with django_assert_max_num_queries(14):
        html = panel(client, job)
    assert "B26-04417" in html
    assert Permit.objects.count() == count + 1


def test_an_issued_permit_on_a_scheduled_job_says_it_can_be_permitted(client_as, coordinator, fresno):
    job = job_with_facts(JobStatus.SCHEDULED)
    client = client_as(coordinator)
    post(client, job, "open", {"jurisdiction": fresno.pk, "applied_on": "2026-11-20"}, **HTMX)
    html = post(client, job, "issue", {"number": "B26-3", "issued_on": "2026-11-27"}, **HTMX).content.decode()
    assert "Issued: the job can be moved to Permitted." in html
