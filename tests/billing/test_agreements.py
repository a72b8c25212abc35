"""Maintenance agreements: entered with a maintenance job per season in the unscheduled queue, renewed,
cancelled, expired; the club line on the job page and the installer's phone (never the price); the list."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from billing.choices import AgreementStatus
from billing.models import AgreementPlan, MaintenanceAgreement
from billing.services import agreement_cancel, agreement_enter, agreement_renew
from billing.services.agreements import visit_windows
from billing.tasks import agreement_expire_lapsed_task
from installops.errors import DomainError
from jobs.choices import JobKind, JobStatus
from jobs.models import Customer, Site
from tests.billing.program_factories import AgreementPlanFactory, MaintenanceAgreementFactory
from tests.jobs.factories import JobFactory
from tests.notifications.factories import visit_on

pytestmark = [pytest.mark.django_db, pytest.mark.company_time("2026-11-24 09:00")]


def enter(job, by, **fields):
    return agreement_enter(
        customer=job.customer, site=job.site, plan=fields.pop("plan", None) or AgreementPlanFactory(),
        starts_on=fields.pop("starts_on", date(2026, 11, 24)), by=by, **fields,
    )  # fmt: skip


def test_entering_creates_a_maintenance_job_due_in_each_season_of_the_term(accounting, client_as, coordinator):
    job = JobFactory()

    agreement = enter(job, accounting, sold_on_job=job)

    assert (agreement.ends_on, agreement.price, agreement.visits_included) == (date(2027, 11, 23), Decimal("199.00"), 2)
    visits = list(agreement.visits.select_related("job").order_by("due_from"))
    # The fall of 2026 has a week left: too short to book, the term's two visits are next spring and fall.
    assert [(v.season, v.due_from, v.due_until) for v in visits] == [
        ("spring", date(2027, 3, 1), date(2027, 5, 31)),
        ("fall", date(2027, 9, 1), date(2027, 11, 23)),
    ]
    assert {(v.job.kind, v.job.status, v.job.customer_id) for v in visits} == {
        (JobKind.MAINTENANCE, JobStatus.SOLD, job.customer_id)
    }
    assert agreement.history.first().history_user == accounting
    queue = client_as(coordinator).get(reverse("scheduling:unscheduled")).content.decode()
    assert all(visit.job.number in queue for visit in visits)


def test_seasons_too_few_for_the_visits_split_the_term_evenly():
    windows = visit_windows(starts_on=date(2027, 1, 1), ends_on=date(2027, 12, 31), seasons=["spring"], visits=4)
    assert [window[1] for window in windows] == [
        date(2027, 1, 1),
        date(2027, 4, 2),
        date(2027, 7, 2),
        date(2027, 10, 1),
    ]
    assert windows[-1][2] == date(2027, 12, 31)


def test_an_address_with_a_current_agreement_is_refused_another(accounting):
    job = JobFactory()
    enter(job, accounting)
    with pytest.raises(DomainError, match="renew that one instead"):
        enter(job, accounting, starts_on=date(2027, 2, 1))
    other = Site.objects.create(customer=JobFactory().customer, street="1 Elm", city="Fresno", zip_code="93711")
    with pytest.raises(DomainError, match="another customer"):
        agreement_enter(customer=job.customer, site=other, plan=AgreementPlanFactory(), starts_on=date(2026, 12, 1),
                        by=accounting)  # fmt: skip


def test_renewing_starts_the_day_after_with_new_jobs_once(accounting):
    agreement = enter(JobFactory(), accounting, price=Decimal("179.00"))

    renewal = agreement_renew(agreement=agreement, by=accounting)

    assert (renewal.starts_on, renewal.ends_on, renewal.price) == (
        date(2027, 11, 24),
        date(2028, 11, 23),
        Decimal("179.00"),
    )
    assert renewal.renewed_from == agreement
    assert renewal.visits.count() == 2
    with pytest.raises(DomainError, match="Already renewed"):
        agreement_renew(agreement=agreement, by=accounting)


def test_cancelling_cancels_the_unbooked_jobs_for_whom_may_or_lists_them(accounting, coordinator):
    agreement = enter(JobFactory(), accounting)
    coordinators = enter(JobFactory(), accounting)

    left = agreement_cancel(agreement=agreement, reason="Moved away", by=accounting)
    agreement.refresh_from_db()
    assert (agreement.status, agreement.cancel_reason) == (AgreementStatus.CANCELLED, "Moved away")
    assert sorted(job.pk for job in left) == sorted(agreement.visits.values_list("job_id", flat=True))

    assert agreement_cancel(agreement=coordinators, reason="Sold the house", by=coordinator) == []
    assert set(coordinators.visits.values_list("job__status", flat=True)) == {JobStatus.CANCELLED}
    with pytest.raises(DomainError, match="cancelled already"):
        agreement_cancel(agreement=agreement, reason="Again", by=accounting)
    with pytest.raises(DomainError, match="Say why"):
        agreement_cancel(agreement=enter(JobFactory(), accounting), reason=" ", by=accounting)


def test_the_nightly_task_expires_lapsed_agreements_once(accounting):
    lapsed = MaintenanceAgreementFactory(starts_on=date(2025, 11, 1), ends_on=date(2026, 10, 31))
    current = MaintenanceAgreementFactory()

    assert agreement_expire_lapsed_task() == "1 expired"
    assert agreement_expire_lapsed_task() == "0 expired"
    lapsed.refresh_from_db()
    current.refresh_from_db()
    assert (lapsed.status, current.status) == (AgreementStatus.EXPIRED, AgreementStatus.ACTIVE)


def test_the_club_line_shows_on_the_job_page_and_the_installers_visit_without_the_price(
    accounting, client_as, coordinator, installer
):
    service_call = visit_on(crew=installer.crew, job_fields={"kind": JobKind.WARRANTY})
    agreement = enter(service_call.job, accounting, plan=AgreementPlanFactory(name="Gold", price=Decimal("249.00")))
    agreement.refresh_from_db()

    office = client_as(coordinator).get(reverse("jobs:job_detail", args=[service_call.job_id])).content.decode()
    assert "Club: Gold until Nov 2027" in office
    phone = client_as(installer).get(reverse("field:visit_detail", args=[service_call.pk])).content.decode()
    assert "Club: Gold until Nov 2027" in phone
    assert "249.00" not in phone


def test_the_agreement_pages_for_accounting(accounting, client_as, coordinator):
    job = JobFactory()
    client = client_as(accounting)
    form = client.get(reverse("billing:agreement_enter", args=[job.pk]))
    assert job.customer.name in form.content.decode()
    plan = AgreementPlanFactory()

    url = reverse("billing:agreement_enter", args=[job.pk])
    refused = client.post(url, {"site": job.site_id, "plan": plan.pk, "starts_on": "2036-01-01", "price": "150"})
    assert refused.status_code == 200
    assert 'value="150"' in refused.content.decode()
    assert not MaintenanceAgreement.objects.exists()

    entered = client.post(url, {"site": job.site_id, "plan": plan.pk, "starts_on": "2026-12-01", "price": "150"})
    agreement = MaintenanceAgreement.objects.get()
    assert entered["Location"] == reverse("billing:agreement_detail", args=[agreement.pk])
    assert agreement.price == Decimal("150.00")
    detail = client.get(entered["Location"]).content.decode()
    assert detail.count('data-testid="agreement-visit"') == 2

    cancel = client.post(reverse("billing:agreement_cancel", args=[agreement.pk]), {"reason": ""})
    assert cancel.status_code == 400
    assert client_as(coordinator).get(entered["Location"]).status_code == 200
    assert client_as(coordinator).post(reverse("billing:agreement_renew", args=[agreement.pk])).status_code == 403


def test_renewals_due_lists_agreements_ending_within_60_days_not_renewed(accounting, client_as):
    soon = MaintenanceAgreementFactory(starts_on=date(2026, 1, 1), ends_on=date(2026, 12, 31))
    later = MaintenanceAgreementFactory(starts_on=date(2026, 6, 1), ends_on=date(2027, 5, 31))
    expired = MaintenanceAgreementFactory(starts_on=date(2025, 6, 1), ends_on=date(2026, 5, 31))
    client = client_as(accounting)

    renewals = client.get(reverse("billing:agreement_list") + "?tab=renewals").content.decode()
    assert soon.customer.name in renewals
    assert later.customer.name not in renewals
    assert expired.customer.name in client.get(reverse("billing:agreement_list") + "?tab=expired").content.decode()

    agreement_renew(agreement=soon, by=accounting)
    renewals = client.get(reverse("billing:agreement_list") + "?tab=renewals").content.decode()
    assert soon.customer.name not in renewals


def bulk_agreements(count: int) -> None:
    plan = AgreementPlanFactory()
    customers = Customer.objects.bulk_create(Customer(name=f"Member {index}") for index in range(count))
    sites = Site.objects.bulk_create(
        Site(customer=customer, street=f"{index} Oak", city="Fresno", zip_code="93711")
        for index, customer in enumerate(customers)
    )
    MaintenanceAgreement.objects.bulk_create(
        MaintenanceAgreement(
            customer=site.customer,
            site=site,
            plan=plan,
            price=plan.price,
            starts_on=date(2026, 1, 1) + timedelta(days=index % 300),
            ends_on=date(2026, 12, 31) + timedelta(days=index % 300),
            visits_included=2,
        )  # fmt: skip
        for index, site in enumerate(sites)
    )


@pytest.mark.parametrize("rows", [10, 5000])
def test_the_list_runs_a_fixed_number_of_queries(client_as, accounting, django_assert_max_num_queries, rows):
    bulk_agreements(rows)
    client = client_as(accounting)
    # Session, user, permissions; the tab's count, every tab's count and the rows: the same at any size.
    for tab in ("active", "renewals", "expired"):
        with django_assert_max_num_queries(8):
            response = client.get(reverse("billing:agreement_list") + f"?tab={tab}")
        assert response.status_code == 200
    assert AgreementPlan.objects.count() == 1
