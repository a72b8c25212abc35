"""The payment pages: record a payment (oldest invoices first, a refusal keeps what was typed), the list
(constant queries), a payment's page and its actions, the job page's panel; who may use them."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from billing.models import Payment
from billing.services import payment_record
from tests.billing.bulk import bulk_payments
from tests.billing.posted import posted_invoice
from tests.jobs.factories import JobFactory

pytestmark = [pytest.mark.django_db, pytest.mark.company_time("2026-11-24 09:00")]

D = Decimal


@pytest.fixture
def customer_with_invoices():
    job = JobFactory()
    older = posted_invoice(job, "300.00", invoice_date=date(2026, 10, 1))
    newer = posted_invoice(job, "500.00", invoice_date=date(2026, 11, 2))
    return job, older, newer


def test_the_record_page_lists_open_invoices_oldest_first_and_spreads_the_amount(
    client, accounting, customer_with_invoices
):
    job, older, newer = customer_with_invoices
    client.force_login(accounting)
    response = client.get(reverse("billing:payment_record", args=[job.customer_id]), {"amount": "450.00"})
    assert response.status_code == 200
    rows = response.context["form"].invoice_rows()
    assert [invoice.pk for invoice, _field in rows] == [older.pk, newer.pk]
    assert [field.value() for _invoice, field in rows] == [D("300.00"), D("150.00")]
    assert 'data-testid="open-invoice"' in response.content.decode()


def test_recording_a_payment_applies_it_and_shows_the_payment(client, accounting, customer_with_invoices):
    job, older, newer = customer_with_invoices
    client.force_login(accounting)
    response = client.post(
        reverse("billing:payment_record", args=[job.customer_id]),
        {"method": "check", "reference": "2231", "received_on": "2026-11-23", "amount": "350.00",
         f"apply_{older.pk}": "300.00", f"apply_{newer.pk}": "50.00"},
    )  # fmt: skip
    payment = Payment.objects.get()
    assert response["Location"] == reverse("billing:payment_detail", args=[payment.pk])
    page = client.get(response["Location"]).content.decode()
    assert page.count('data-testid="payment-application"') == 2
    assert "$350.00" in page


def test_a_refused_payment_redisplays_with_the_reason_and_what_was_typed(client, accounting, customer_with_invoices):
    job, older, _newer = customer_with_invoices
    client.force_login(accounting)
    response = client.post(
        reverse("billing:payment_record", args=[job.customer_id]),
        {"method": "check", "reference": "", "received_on": "2026-11-23", "amount": "400.00",
         f"apply_{older.pk}": "400.00"},
    )  # fmt: skip
    assert response.status_code == 400
    page = response.content.decode()
    assert "needs its reference" in page
    assert 'value="400.00"' in page
    assert not Payment.objects.exists()
    response = client.post(
        reverse("billing:payment_record", args=[job.customer_id]),
        {"method": "cash", "received_on": "2026-11-23", "amount": "400.00", f"apply_{older.pk}": "400.00"},
    )
    assert response.status_code == 400
    assert "has $300.00 open" in response.content.decode()


def test_the_customer_search_finds_by_name(client, accounting):
    job = JobFactory(customer__name="Marisol Peña")
    client.force_login(accounting)
    response = client.get(reverse("billing:payment_record_start"), {"q": "maris"})
    assert reverse("billing:payment_record", args=[job.customer_id]) in response.content.decode()


def test_credit_is_applied_refunded_and_a_payment_voided_from_its_page(client, accounting):
    job = JobFactory()
    payment = payment_record(
        customer=job.customer, method="cash", reference="", received_on=date(2026, 11, 20), amount=D("500.00"),
        applications=[], note="", by=accounting,
    )  # fmt: skip
    invoice = posted_invoice(job, "200.00")
    client.force_login(accounting)
    url = reverse("billing:payment_detail", args=[payment.pk])
    response = client.post(
        reverse("billing:payment_apply_credit", args=[payment.pk]), {"invoice": invoice.pk, "amount": "200.00"}
    )
    assert response["Location"] == url
    response = client.post(
        reverse("billing:payment_refund", args=[payment.pk]),
        {"method": "check", "reference": "", "refunded_on": "2026-11-24", "amount": "300.00", "reason": "Overpaid"},
    )
    assert response.status_code == 400
    assert "check number" in response.content.decode()
    response = client.post(
        reverse("billing:payment_refund", args=[payment.pk]),
        {"method": "check", "reference": "9001", "refunded_on": "2026-11-24", "amount": "300.00", "reason": "Overpaid"},
    )
    assert response["Location"] == url
    assert 'data-testid="payment-credit">$0.00' in client.get(url).content.decode()
    response = client.post(reverse("billing:payment_void", args=[payment.pk]), {"reason": "Wrong customer"})
    assert response.status_code == 400
    assert "void the refund first" in response.content.decode()


def test_a_reconciled_payment_offers_no_void(client, accounting):
    payment = payment_record(
        customer=JobFactory().customer, method="cash", reference="", received_on=date(2026, 11, 20),
        amount=D("50.00"), applications=[], note="", by=accounting,
    )  # fmt: skip
    client.force_login(accounting)
    assert client.post(reverse("billing:payment_reconcile", args=[payment.pk])).status_code == 302
    page = client.get(reverse("billing:payment_detail", args=[payment.pk])).content.decode()
    assert 'data-testid="payment-status">Reconciled' in page
    assert reverse("billing:payment_void", args=[payment.pk]) not in page
    response = client.post(reverse("billing:payment_void", args=[payment.pk]), {"reason": "Mistake"})
    assert response.status_code == 400
    assert "can no longer be voided" in response.content.decode()


def test_the_job_panel_shows_the_payments_and_the_balance(client, accounting, customer_with_invoices):
    job, older, _newer = customer_with_invoices
    payment_record(
        customer=job.customer, method="card", reference="A1", received_on=date(2026, 11, 20), amount=D("300.00"),
        applications=[(older, D("300.00"))], note="", by=accounting,
    )  # fmt: skip
    client.force_login(accounting)
    page = client.get(reverse("billing:job_payments", args=[job.pk])).content.decode()
    assert 'data-testid="job-balance">$500.00 owed' in page
    assert page.count('data-testid="job-payment"') == 1


@pytest.mark.parametrize("role", ["coordinator", "installer", "salesperson"])
def test_only_accounting_sees_payments(request, client, role):
    client.force_login(request.getfixturevalue(role))
    assert client.get(reverse("billing:payment_list")).status_code == 403
    page = client.get(reverse("home"), follow=True).content.decode()
    assert reverse("billing:payment_list") not in page


def test_accounting_finds_payments_in_the_billing_menu(client, accounting):
    client.force_login(accounting)
    page = client.get(reverse("billing:payment_list")).content.decode()
    assert f'href="{reverse("billing:payment_list")}"' in page
    assert f'href="{reverse("billing:funding_list")}"' in page


@pytest.mark.parametrize("count", [10, 5000])
def test_the_payment_list_costs_the_same_queries_whatever_its_length(
    client, accounting, django_assert_max_num_queries, count
):
    bulk_payments(count, by=accounting)
    client.force_login(accounting)
    with django_assert_max_num_queries(9):
        response = client.get(reverse("billing:payment_list"), {"method": "check"})
    assert response.content.decode().count('data-testid="payment-row"') == min(count, 50)


def test_the_list_filters_by_dates_and_says_when_a_filter_is_ignored(client, accounting):
    payments = bulk_payments(30, by=accounting)
    client.force_login(accounting)
    response = client.get(reverse("billing:payment_list"), {"received_from": "2026-11-05", "received_to": "2026-11-05"})
    shown = {payment.pk for payment in response.context["page_obj"].object_list}
    assert shown == {p.pk for p in payments if p.received_on == date(2026, 11, 5)}
    response = client.get(
        reverse("billing:payment_list"), {"received_from": "2026-11-09", "received_to": "2026-11-05"}, follow=True
    )
    assert "ignored" in response.content.decode()
    assert len(response.context["page_obj"].object_list) == 30


@pytest.mark.parametrize("count", [10, 500])
def test_the_job_panel_costs_the_same_queries_however_many_payments(
    client, accounting, django_assert_max_num_queries, count
):
    from billing.models import PaymentApplication

    job = JobFactory()
    invoice = posted_invoice(job, str(count * 10 + 5))
    payments = Payment.objects.bulk_create(
        [
            Payment(
                customer=job.customer,
                method="check",
                reference=str(n),
                received_on=date(2026, 11, 20),
                amount=D("10.00"),
                recorded_by=accounting,
            )  # fmt: skip
            for n in range(count)
        ]
    )
    PaymentApplication.objects.bulk_create(
        [
            PaymentApplication(
                payment=p, invoice=invoice, amount=D("10.00"), applied_on=date(2026, 11, 20), applied_by=accounting
            )  # fmt: skip
            for p in payments
        ]
    )
    client.force_login(accounting)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("billing:job_payments", args=[job.pk]))
    page = response.content.decode()
    assert page.count('data-testid="job-payment"') == count
    assert 'data-testid="job-balance">$5.00 owed' in page


def test_from_an_invoice_the_record_page_pays_that_invoice_first(client, accounting, customer_with_invoices):
    job, older, newer = customer_with_invoices
    client.force_login(accounting)
    response = client.get(reverse("billing:payment_record", args=[job.customer_id]), {"invoice": newer.pk})
    rows = response.context["form"].invoice_rows()
    assert [invoice.pk for invoice, _field in rows] == [newer.pk, older.pk]
    assert [field.value() for _invoice, field in rows] == [D("500.00"), D("0.00")]
    assert response.context["form"]["amount"].value() == D("500.00")


def test_voiding_a_payment_of_a_closed_job_warns_that_it_owes_again(client, accounting):
    from jobs.choices import JobStatus
    from scheduling.choices import VisitStatus
    from tests.scheduling.factories import VisitFactory

    job = JobFactory(kind="maintenance", status=JobStatus.INVOICED)
    VisitFactory(job=job, status=VisitStatus.CLOSED_OUT)
    invoice = posted_invoice(job, "250.00")
    payment = payment_record(
        customer=job.customer, method="cash", reference="", received_on=date(2026, 11, 20), amount=D("250.00"),
        applications=[(invoice, D("250.00"))], note="", by=accounting,
    )  # fmt: skip
    client.force_login(accounting)
    response = client.post(reverse("billing:payment_void", args=[payment.pk]), {"reason": "Twice"}, follow=True)
    page = response.content.decode()
    assert "Payment voided" in page
    assert f"Job {job.number} is closed, and its invoice {invoice.number} has $250.00 open again." in page
