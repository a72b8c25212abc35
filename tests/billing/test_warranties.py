"""Warranty registrations: due the brand's days after the install's completion (the company's day), the
list of units to register (overdue first), registering once, the status an invoice line reads, and
accounting's morning email."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from billing.models import WarrantyRegistration
from billing.selectors import warranty_due_list, warranty_status_for_units
from billing.services import warranty_register
from installops.errors import DomainError
from jobs.models import InstalledEquipment, Job
from notifications.choices import MessageKind, MessageStatus
from notifications.models import Message
from notifications.tasks import warranty_digest_sweep_task
from scheduling.choices import VisitStatus
from scheduling.models import Visit
from tests.billing.program_factories import InstalledEquipmentFactory, WarrantyTermsFactory
from tests.jobs.factories import CustomerFactory, JobFactory, SiteFactory
from tests.scheduling.factories import CrewFactory, VisitFactory

pytestmark = [pytest.mark.django_db, pytest.mark.company_time("2026-11-24 09:00")]
PACIFIC = ZoneInfo("America/Los_Angeles")


def installed(*, completed_at: datetime, manufacturer: str = "Carrier", **unit):
    job = JobFactory()
    VisitFactory(job=job, status=VisitStatus.COMPLETED, completed_at=completed_at)
    return InstalledEquipmentFactory(job=job, manufacturer=manufacturer, **unit)


def test_due_is_the_brands_days_after_the_company_day_the_install_was_completed(accounting):
    WarrantyTermsFactory(manufacturer="Carrier", register_within_days=90)
    # 11:30 pm in California is already the next day in UTC: the company's day counts.
    unit = installed(completed_at=datetime(2026, 11, 2, 23, 30, tzinfo=PACIFIC), manufacturer="CARRIER")

    rows, total = warranty_due_list()

    assert total == 1
    assert (rows[0].unit, rows[0].due_on, rows[0].days_left) == (unit, date(2027, 1, 31), 68)


def test_the_list_puts_overdue_first_and_leaves_out_registered_unbranded_and_not_completed(accounting):
    WarrantyTermsFactory(manufacturer="Carrier", register_within_days=30)
    WarrantyTermsFactory(manufacturer="Lennox", register_within_days=60)
    overdue = installed(completed_at=datetime(2026, 10, 1, 12, tzinfo=PACIFIC))
    soon = installed(completed_at=datetime(2026, 11, 20, 12, tzinfo=PACIFIC), manufacturer="Lennox")
    registered = installed(completed_at=datetime(2026, 10, 1, 12, tzinfo=PACIFIC))
    installed(completed_at=datetime(2026, 10, 1, 12, tzinfo=PACIFIC), manufacturer="NoTermsBrand")
    InstalledEquipmentFactory(job=VisitFactory(status=VisitStatus.SCHEDULED).job)  # not installed yet
    warranty_register(unit=registered, confirmation_number="C-1", registered_on=date(2026, 11, 1), by=accounting)

    rows, total = warranty_due_list()

    assert [row.unit for row in rows] == [overdue, soon]
    assert total == 2
    assert rows[0].overdue
    assert rows[0].days_overdue == 24
    assert [row.unit for row in warranty_due_list(within_days=0)[0]] == [overdue]


def test_registering_records_who_when_and_the_confirmation_once(accounting, coordinator):
    WarrantyTermsFactory(manufacturer="Carrier", register_within_days=90, parts_years=10)
    unit = installed(completed_at=datetime(2026, 11, 2, 12, tzinfo=PACIFIC))

    registration = warranty_register(
        unit=unit, confirmation_number=" WR-5531 ", registered_on=date(2026, 11, 23), by=coordinator
    )

    assert (registration.confirmation_number, registration.registered_by, registration.due_on) == (
        "WR-5531", coordinator, date(2027, 1, 31),
    )  # fmt: skip
    assert registration.history.first().history_user == coordinator
    with pytest.raises(DomainError, match="already registered"):
        warranty_register(unit=unit, confirmation_number="X", registered_on=date(2026, 11, 23), by=accounting)
    with pytest.raises(DomainError, match="has not come"):
        warranty_register(
            unit=installed(completed_at=datetime(2026, 11, 2, 12, tzinfo=PACIFIC)),
            confirmation_number="X", registered_on=date(2026, 11, 25), by=accounting,
        )  # fmt: skip
    with pytest.raises(DomainError, match="no warranty terms for Goodman"):
        warranty_register(
            unit=installed(completed_at=datetime(2026, 11, 2, 12, tzinfo=PACIFIC), manufacturer="Goodman"),
            confirmation_number="X", registered_on=date(2026, 11, 23), by=accounting,
        )  # fmt: skip


def test_the_status_for_an_invoices_equipment_lines(accounting, django_assert_num_queries):
    WarrantyTermsFactory(manufacturer="Carrier", register_within_days=90)
    done = installed(completed_at=datetime(2026, 11, 2, 12, tzinfo=PACIFIC))
    due = InstalledEquipmentFactory(job=done.job)
    unbranded = InstalledEquipmentFactory(job=done.job, manufacturer="")
    warranty_register(unit=done, confirmation_number="WR-1", registered_on=date(2026, 11, 20), by=accounting)

    with django_assert_num_queries(2):
        status = warranty_status_for_units([done, due, unbranded])

    assert status[done.pk].text == "registered, conf. #WR-1"
    assert status[due.pk].text == "warranty to register by Jan 31, 2027"
    assert status[unbranded.pk].text == ""


def test_the_page_registers_from_a_row_and_redisplays_a_refusal(client_as, accounting, coordinator, installer):
    WarrantyTermsFactory(manufacturer="Carrier")
    unit = installed(completed_at=datetime(2026, 11, 2, 12, tzinfo=PACIFIC))
    client = client_as(coordinator)
    assert unit.serial_number in client.get(reverse("billing:warranty_list")).content.decode()

    url = reverse("billing:warranty_register", args=[unit.pk])
    refused = client.post(url, {"confirmation_number": "WR-9", "registered_on": "2026-12-24"})
    assert refused.status_code == 400
    assert "has not come" in refused.content.decode()
    assert 'value="WR-9"' in refused.content.decode()

    assert client.post(url, {"confirmation_number": "WR-9", "registered_on": "2026-11-24"}).status_code == 302
    assert unit.serial_number in client.get(reverse("billing:warranty_list") + "?show=registered").content.decode()
    assert client_as(installer).get(reverse("billing:warranty_list")).status_code == 403


def bulk_units(count: int) -> None:
    WarrantyTermsFactory(manufacturer="Carrier", register_within_days=60)
    customer = CustomerFactory()
    site = SiteFactory(customer=customer)
    jobs = Job.objects.bulk_create(
        Job(number=f"W{index:06d}", customer=customer, site=site, sold_on=date(2026, 9, 1), contract_amount=0)
        for index in range(count)
    )
    crew = CrewFactory()
    start = datetime(2025, 1, 1, 8, tzinfo=PACIFIC)
    # One crew, a block of its own for each visit (the database refuses a double booking).
    Visit.objects.bulk_create(
        Visit(
            job=job,
            crew=crew,
            starts_at=start + timedelta(hours=5 * index),
            ends_at=start + timedelta(hours=5 * index + 4),
            status=VisitStatus.COMPLETED,
            completed_at=datetime(2026, 9, 1, 12, tzinfo=PACIFIC) + timedelta(days=index % 80),
        )  # fmt: skip
        for index, job in enumerate(jobs)
    )
    InstalledEquipment.objects.bulk_create(
        InstalledEquipment(
            job=job, kind="heat_pump", manufacturer="Carrier", model_number="M", serial_number=f"S{index}"
        )
        for index, job in enumerate(jobs)
    )


@pytest.mark.parametrize("rows", [10, 5000])
def test_the_list_runs_a_fixed_number_of_queries(client_as, accounting, django_assert_max_num_queries, rows):
    bulk_units(rows)
    client = client_as(accounting)
    with django_assert_max_num_queries(7):
        response = client.get(reverse("billing:warranty_list"))
    page = response.content.decode()
    assert page.count('data-testid="warranty-due-row"') == min(rows, 200)
    assert "overdue" in page


def test_accounting_gets_the_morning_email_once_a_day(
    accounting, coordinator, django_capture_on_commit_callbacks, mailoutbox, settings
):
    settings.WARRANTY_DIGEST_WITHIN_DAYS = 14
    WarrantyTermsFactory(manufacturer="Carrier", register_within_days=30)
    overdue = installed(completed_at=datetime(2026, 10, 1, 12, tzinfo=PACIFIC))
    installed(completed_at=datetime(2026, 11, 20, 12, tzinfo=PACIFIC))  # due Dec 20: not within 14 days

    with django_capture_on_commit_callbacks(execute=True):
        warranty_digest_sweep_task()
    with django_capture_on_commit_callbacks(execute=True):
        warranty_digest_sweep_task()  # beat and the catch-up both ran: nothing more goes out

    assert [mail.to for mail in mailoutbox] == [[accounting.email]]
    mail = mailoutbox[0]
    assert mail.subject == "Warranty registrations for Tuesday, Nov 24: 1 unit"
    assert f"{overdue.job.number} {overdue.job.customer.name} · Carrier {overdue.model_number}" in mail.body
    assert "24 days overdue" in mail.body
    assert "/billing/warranties/" in mail.body
    assert Message.objects.get(kind=MessageKind.WARRANTY_DIGEST).status == MessageStatus.SENT


def test_no_email_when_nothing_is_due(accounting, django_capture_on_commit_callbacks, mailoutbox):
    terms = WarrantyTermsFactory(manufacturer="Carrier", register_within_days=30)
    unit = installed(completed_at=datetime(2026, 10, 1, 12, tzinfo=PACIFIC))
    WarrantyRegistration.objects.create(
        unit=unit, terms=terms,
        confirmation_number="C", registered_on=date(2026, 11, 1), registered_by=accounting,
    )  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        warranty_digest_sweep_task()
    assert mailoutbox == []
    assert not Message.objects.filter(kind=MessageKind.WARRANTY_DIGEST).exists()


def test_the_job_panel_says_each_units_registration_and_registers_back_to_the_job(client_as, coordinator, accounting):
    WarrantyTermsFactory(manufacturer="Carrier", register_within_days=90)
    done = installed(completed_at=datetime(2026, 11, 2, 12, tzinfo=PACIFIC))
    due = InstalledEquipmentFactory(job=done.job)
    warranty_register(unit=done, confirmation_number="WR-1", registered_on=date(2026, 11, 20), by=accounting)
    client = client_as(coordinator)

    panel = client.get(reverse("billing:job_warranties", args=[done.job_id])).content.decode()
    assert "registered, conf. #WR-1" in panel
    assert "warranty to register by Jan 31, 2027" in panel

    job_page = done.job.get_absolute_url()
    response = client.post(
        reverse("billing:warranty_register", args=[due.pk]),
        {"confirmation_number": "WR-2", "registered_on": "2026-11-24", "next": job_page},
    )
    assert response["Location"] == job_page
    assert WarrantyRegistration.objects.get(unit=due).registered_by == coordinator
