"""The fundings list (requested and not received, oldest first, days waiting; dealer fees by month) and the
job page's funding panel, whose steps post by htmx and come back with the panel or the refused form."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from billing.choices import FundingStatus
from billing.models import FinanceFunding
from billing.services import (
    funding_certificate_signed,
    funding_open,
    funding_record_funded,
    funding_request,
)
from tests.billing.bulk import bulk_requested_fundings
from tests.billing.posted import posted_invoice
from tests.jobs.factories import FinanceCompanyFactory, JobFactory

pytestmark = [pytest.mark.django_db, pytest.mark.company_time("2026-11-24 09:00")]

D = Decimal
HTMX = {"HTTP_HX_REQUEST": "true"}


def requested_funding(by, *, job=None, requested_on=date(2026, 11, 3)):
    funding = funding_open(
        job=job or JobFactory(), finance_company=FinanceCompanyFactory(name="Synchrony"),
        approved_amount=D("9000.00"), approved_on=date(2026, 10, 1), by=by,
    )  # fmt: skip
    funding_certificate_signed(funding=funding, signed_on=requested_on, by=by)
    return funding_request(funding=funding, requested_on=requested_on, by=by)


def test_the_list_shows_the_requested_oldest_first_with_days_waiting(client, accounting):
    newer = requested_funding(accounting, requested_on=date(2026, 11, 20))
    older = requested_funding(accounting, requested_on=date(2026, 11, 3))
    funding_open(job=JobFactory(), finance_company=FinanceCompanyFactory(), approved_amount=D("1.00"),
                 approved_on=date(2026, 11, 1), by=accounting)  # fmt: skip
    client.force_login(accounting)
    response = client.get(reverse("billing:funding_list"))
    rows = list(response.context["page_obj"].object_list)
    assert [f.pk for f in rows] == [older.pk, newer.pk]
    assert [f.days_waiting for f in rows] == [21, 4]
    assert "21 days" in response.content.decode()
    approved = client.get(reverse("billing:funding_list"), {"status": "approved"}).context["page_obj"].object_list
    assert len(approved) == 1


def test_dealer_fees_are_totalled_by_month(client, accounting):
    for day, fee in [(date(2026, 10, 30), "300.00"), (date(2026, 11, 10), "400.00"), (date(2026, 11, 20), "50.00")]:
        funding = requested_funding(accounting, requested_on=date(2026, 10, 20))
        funding_record_funded(funding=funding, funded_on=day, funded_amount=D("9000.00"), dealer_fee=D(fee),
                              by=accounting)  # fmt: skip
    client.force_login(accounting)
    fees = client.get(reverse("billing:funding_list")).context["fees"]
    assert [(row.month, row.fundings, row.fees, row.net) for row in fees] == [
        (date(2026, 11, 1), 2, D("450.00"), D("17550.00")),
        (date(2026, 10, 1), 1, D("300.00"), D("8700.00")),
    ]


@pytest.mark.parametrize("count", [10, 5000])
def test_the_fundings_list_costs_the_same_queries_whatever_its_length(
    client, accounting, django_assert_max_num_queries, count
):
    bulk_requested_fundings(count)
    client.force_login(accounting)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("billing:funding_list"))
    assert response.content.decode().count('data-testid="funding-row"') == min(count, 50)


def test_the_panel_prefills_the_loan_from_the_job_and_takes_each_step(client, accounting):
    company = FinanceCompanyFactory(name="GreenSky")
    job = JobFactory(finance_company=company, finance_approved_amount=D("11000.00"))
    posted_invoice(job, "11000.00")
    client.force_login(accounting)
    panel = client.get(reverse("billing:job_funding", args=[job.pk]))
    step, _label, form, _url = panel.context["steps"][0]
    assert step == "open"
    assert form.initial["finance_company"] == company.pk
    assert form.initial["approved_amount"] == D("11000.00")
    posts = [
        ("open", {"finance_company": company.pk, "approved_amount": "11000.00", "approved_on": "2026-10-01",
                  "loan_number": "GS-1"}),
        ("certificate", {"signed_on": "2026-11-02"}),
        ("request", {"requested_on": "2026-11-03"}),
        ("funded", {"funded_on": "2026-11-20", "funded_amount": "11000.00", "dealer_fee": "440.00"}),
        ("reconcile", {"explanation": ""}),
    ]  # fmt: skip
    for step, data in posts:
        response = client.post(reverse(f"billing:funding_{step}", args=[job.pk]), data, **HTMX)
        assert response.status_code == 200, step
        assert 'data-testid="funding-done"' in response.content.decode(), step
    funding = FinanceFunding.objects.get(job=job)
    assert funding.status == FundingStatus.RECONCILED
    assert funding.dealer_fee == D("440.00")
    assert funding.net_received == D("10560.00")


def test_a_step_out_of_order_or_refused_redisplays_the_panel_with_the_reason(client, accounting):
    job = JobFactory()
    posted_invoice(job, "9500.00")
    funding = requested_funding(accounting, job=job)
    client.force_login(accounting)
    response = client.post(reverse("billing:funding_certificate", args=[job.pk]), {"signed_on": "2026-11-02"}, **HTMX)
    assert 'data-testid="funding-refusal"' in response.content.decode()
    assert "the funding is requested and not received yet" in response.content.decode()
    response = client.post(
        reverse("billing:funding_funded", args=[job.pk]),
        {"funded_on": "2026-11-20", "funded_amount": "9000.00", "dealer_fee": "9000.00"},
        **HTMX,
    )
    page = response.content.decode()
    assert "less than the funded amount" in page
    assert 'value="9000.00"' in page
    client.post(reverse("billing:funding_funded", args=[job.pk]),
                {"funded_on": "2026-11-20", "funded_amount": "9000.00", "dealer_fee": "0"}, **HTMX)  # fmt: skip
    page = client.get(reverse("billing:job_funding", args=[job.pk])).content.decode()
    assert 'data-testid="funding-difference">Differs by −$500.00' in page
    response = client.post(reverse("billing:funding_reconcile", args=[job.pk]), {"explanation": ""}, **HTMX)
    assert "explain the difference" in response.content.decode()
    assert FinanceFunding.objects.get(pk=funding.pk).status == FundingStatus.FUNDED


def test_the_salesperson_follows_their_job_s_loan_without_fees_or_steps(client, accounting, salesperson):
    job = JobFactory(salesperson=salesperson)
    posted_invoice(job, "9000.00")
    funding = requested_funding(accounting, job=job)
    funding_record_funded(funding=funding, funded_on=date(2026, 11, 20), funded_amount=D("9000.00"),
                          dealer_fee=D("270.00"), by=accounting)  # fmt: skip
    client.force_login(salesperson)
    page = client.get(reverse("billing:job_funding", args=[job.pk])).content.decode()
    assert 'data-testid="funding-status">Funded' in page
    assert "funding-fee" not in page
    assert "$270.00" not in page
    assert "<form" not in page
    assert client.post(reverse("billing:funding_cancel", args=[job.pk]), {"reason": "x"}).status_code == 403
    assert client.get(reverse("billing:funding_list")).status_code == 403


def test_installers_never_see_the_funding(client, installer):
    job = JobFactory()
    client.force_login(installer)
    assert client.get(reverse("billing:job_funding", args=[job.pk])).status_code == 403
