"""Entering and editing sold jobs: field messages, entries kept, nothing half-saved."""

from decimal import Decimal

import pytest
from django.urls import reverse

from jobs.choices import JobStatus
from jobs.models import Customer, Job, Site
from tests.jobs.factories import CustomerFactory, FinanceCompanyFactory, JobFactory, SiteFactory
from tests.lifecycle_facts import job_with_facts

pytestmark = pytest.mark.django_db


def new_job_data(**overrides):
    data = {
        "customer-name": "Maria Lopez",
        "customer-phone": "(559) 555-0199",
        "customer-email": "maria@example.com",
        "kind": "install",
        "sold_on": "2026-11-20",
        "lead_source": "referral",
        "contract_amount": "14250.00",
        "equipment_proposed": "Carrier 3-ton AC",
        "site-street": "1420 W Shaw Ave",
        "site-city": "Fresno",
        "site-zip_code": "93711",
        "site-access_notes": "Gate code 4411#",
    }
    data.update(overrides)
    return data


def test_a_sold_job_for_a_new_customer_creates_customer_address_and_job(client_as, coordinator):
    response = client_as(coordinator).post(reverse("jobs:job_create"), new_job_data())

    job = Job.objects.get()
    assert response.status_code == 302
    assert response.url == job.get_absolute_url()
    assert job.customer.name == "Maria Lopez"
    assert job.site.access_notes == "Gate code 4411#"
    assert job.customer.billing_street == "1420 W Shaw Ave"  # billed at the service address by default
    assert job.contract_amount == Decimal("14250.00")
    assert job.status == JobStatus.SOLD
    assert job.status_changes.get().changed_by == coordinator


def test_bad_input_redisplays_with_field_messages_and_keeps_every_entry(client_as, coordinator):
    data = new_job_data(
        **{"customer-phone": "", "customer-email": "", "contract_amount": "-5", "site-city": "", "sold_on": "soon"}
    )
    response = client_as(coordinator).post(reverse("jobs:job_create"), data)

    assert response.status_code == 400
    page = response.content.decode()
    assert "Give a phone number or an email" in page
    assert "Ensure this value is greater than or equal to 0" in page
    assert "Enter a valid date" in page
    assert "This field is required" in page
    # What the coordinator typed is still there.
    assert 'value="Maria Lopez"' in page
    assert 'value="1420 W Shaw Ave"' in page
    assert "Carrier 3-ton AC" in page
    assert not Customer.objects.exists()
    assert not Site.objects.exists()
    assert not Job.objects.exists()


def test_a_finance_amount_needs_a_finance_company(client_as, coordinator):
    response = client_as(coordinator).post(reverse("jobs:job_create"), new_job_data(finance_approved_amount="9000"))
    assert response.status_code == 400
    assert "Pick the finance company" in response.content.decode()
    assert not Job.objects.exists()


def test_a_job_for_an_existing_customer_can_reuse_their_address(client_as, coordinator):
    customer = CustomerFactory()
    site = SiteFactory(customer=customer)
    data = {
        "customer": customer.pk,
        "existing_site": site.pk,
        "kind": "warranty",
        "sold_on": "2026-11-20",
        "contract_amount": "0",
    }
    response = client_as(coordinator).post(reverse("jobs:job_create"), data)

    assert response.status_code == 302
    job = Job.objects.get()
    assert (job.customer, job.site, job.kind) == (customer, site, "warranty")
    assert Site.objects.count() == 1


def test_an_address_of_another_customer_is_refused(client_as, coordinator):
    customer = CustomerFactory()
    stranger_site = SiteFactory()
    data = {"customer": customer.pk, "existing_site": stranger_site.pk, "kind": "install", "sold_on": "2026-11-20"}
    response = client_as(coordinator).post(reverse("jobs:job_create"), data)

    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not Job.objects.exists()


def test_editing_a_job_saves_through_the_service_and_keeps_entries_on_error(client_as, coordinator):
    job = JobFactory()
    finance = FinanceCompanyFactory(name="GreenSky")
    client = client_as(coordinator)
    url = reverse("jobs:job_edit", args=[job.pk])
    data = {
        "site": job.site_id,
        "kind": "install",
        "sold_on": "2026-11-01",
        "contract_amount": "15100.50",
        "finance_company": finance.pk,
        "finance_approved_amount": "15100.50",
        "description": "Add a media filter",
    }

    bad = client.post(url, {**data, "contract_amount": "lots"})
    assert bad.status_code == 400
    assert "Enter a number" in bad.content.decode()
    assert "Add a media filter" in bad.content.decode()

    good = client.post(url, data)
    assert good.status_code == 302
    job.refresh_from_db()
    assert job.contract_amount == Decimal("15100.50")
    assert job.finance_company == finance
    assert job.history.first().history_user == coordinator


def test_status_change_offers_only_the_allowed_next_steps_with_nothing_chosen(client_as, coordinator):
    job = job_with_facts(JobStatus.SCHEDULED)
    client = client_as(coordinator)

    page = client.get(job.get_absolute_url())
    form = page.context["status_form"]
    offered = [value for value, _ in form.fields["to_status"].choices]
    assert offered == ["", "permitted", "installed", "sold", "on_hold", "cancelled"]
    html = page.content.decode()
    assert 'value="" selected' in html  # the blank first choice: no click moves the job by accident
    assert "needs an issued permit" in html  # what each move still needs
    assert "override_reason" in form.fields

    blank = client.post(reverse("jobs:job_status_change", args=[job.pk]), {"to_status": "", "note": "Kept"})
    assert blank.status_code == 400
    assert "Choose where the job goes." in blank.content.decode()
    assert "Kept" in blank.content.decode()

    refused = client.post(reverse("jobs:job_status_change", args=[job.pk]), {"to_status": "closed"})
    assert refused.status_code == 400
    assert "Select a valid choice" in refused.content.decode()

    no_reason = client.post(reverse("jobs:job_status_change", args=[job.pk]), {"to_status": "on_hold"})
    assert no_reason.status_code == 400
    assert "Say why" in no_reason.content.decode()

    needs = client.post(
        reverse("jobs:job_status_change", args=[job.pk]), {"to_status": "permitted", "note": "Permit in the mail"}
    )
    assert needs.status_code == 400
    body = needs.content.decode()
    assert "Permitted needs: an issued permit. Give a reason to move it anyway." in body
    assert needs.context["status_form"]["to_status"].value() == "permitted"
    assert "Permit in the mail" in body
    job.refresh_from_db()
    assert job.status == JobStatus.SCHEDULED

    moved = client.post(
        reverse("jobs:job_status_change", args=[job.pk]),
        {"to_status": "permitted", "override_reason": "Inspector confirmed the number by phone"},
    )
    assert moved.status_code == 302
    job.refresh_from_db()
    assert job.status == JobStatus.PERMITTED
    change = job.status_changes.get()
    assert (change.from_status, change.to_status, change.changed_by) == ("scheduled", "permitted", coordinator)
    assert "Inspector confirmed the number by phone" in change.note


def test_accounting_is_offered_only_billing_moves_and_no_override(client_as, accounting):
    job = job_with_facts(JobStatus.INSPECTED)
    page = client_as(accounting).get(job.get_absolute_url())
    form = page.context["status_form"]
    assert [value for value, _ in form.fields["to_status"].choices] == ["", "invoiced"]
    assert "override_reason" not in form.fields

    scheduled = job_with_facts(JobStatus.SCHEDULED)
    assert "status_form" not in client_as(accounting).get(scheduled.get_absolute_url()).context
    refused = client_as(accounting).post(
        reverse("jobs:job_status_change", args=[scheduled.pk]), {"to_status": "on_hold", "note": "Unpaid deposit"}
    )
    assert refused.status_code == 400
