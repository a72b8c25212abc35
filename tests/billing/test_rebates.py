"""Rebates: the programs a job's installed equipment qualifies for, the papers a claim still lacks (read
from the job's folder, permits and invoices), each step of a claim, and the office's list."""

import itertools
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from billing.choices import InvoiceStatus, RebateDocument, RebateStatus
from billing.models import Rebate
from billing.selectors import rebate_documents_missing, rebate_list_eligible_programs
from billing.services import rebate_approve, rebate_deny, rebate_mark_paid, rebate_open, rebate_submit
from installops.errors import DomainError
from jobs.choices import DocumentCategory, EquipmentKind
from jobs.models import Job
from permits.choices import InspectionStatus, PermitStatus, Title24FormKind
from tests.billing.factories import InvoiceFactory
from tests.billing.program_factories import (
    EquipmentRatingFactory,
    InstalledEquipmentFactory,
    RebateProgramFactory,
)
from tests.jobs.factories import CustomerFactory, JobFactory, SiteFactory
from tests.jobs.files import add_document, pdf_bytes
from tests.permits.factories import InspectionFactory, PermitFactory, Title24FormFactory

pytestmark = [pytest.mark.django_db, pytest.mark.company_time("2026-11-24 09:00")]
ALL_PAPERS = [RebateDocument.AHRI, RebateDocument.PERMIT_FINAL, RebateDocument.CF3R, RebateDocument.INVOICE]
_numbers = itertools.count(1)


def rated_heat_pump(job, *, seer2="17.00"):
    rating = EquipmentRatingFactory(seer2=Decimal(seer2))
    return InstalledEquipmentFactory(job=job, kind=EquipmentKind.HEAT_PUMP, model_number=rating.model_number.lower())


def post_invoice(job):
    number = next(_numbers)
    return InvoiceFactory(
        job=job, status=InvoiceStatus.POSTED, number=f"INV-2026-{number:05d}", year=2026, sequence=number,
        posted_at=timezone.now(),
    )  # fmt: skip


def file_every_paper(job):
    add_document(job, DocumentCategory.REBATE, pdf_bytes("AHRI"), "ahri.pdf", title="AHRI certificate 210512345")
    PermitFactory(job=job, status=PermitStatus.FINALED, number="B26-1", issued_on=date(2026, 10, 1),
                  finaled_on=date(2026, 11, 10))  # fmt: skip
    Title24FormFactory(job=job, kind=Title24FormKind.CF3R)
    post_invoice(job)


def test_a_program_is_offered_for_a_unit_whose_rated_model_meets_its_minimums(accounting):
    job = JobFactory()
    unit = rated_heat_pump(job, seer2="17.00")
    rated_heat_pump(job, seer2="15.00")  # below the program's 16 SEER2
    InstalledEquipmentFactory(job=job, kind=EquipmentKind.HEAT_PUMP, model_number="NOT-IN-CATALOGUE")
    program = RebateProgramFactory(min_seer2=Decimal("16.00"))
    RebateProgramFactory(equipment_kinds=[EquipmentKind.FURNACE], min_seer2=None)
    RebateProgramFactory(active=False)

    eligible = rebate_list_eligible_programs(job)

    assert [(found.program, found.units) for found in eligible] == [(program, [unit])]
    assert eligible[0].ahri_reference.startswith("2105")


def test_opening_takes_the_programs_amount_payee_units_and_ahri_reference(accounting):
    job = JobFactory()
    unit = rated_heat_pump(job)
    program = RebateProgramFactory(amount=Decimal("1500.00"), payee_default="company")

    rebate = rebate_open(job=job, program=program, by=accounting)

    assert (rebate.status, rebate.amount_expected, rebate.payee) == (
        RebateStatus.TO_SUBMIT,
        Decimal("1500.00"),
        "company",
    )
    assert list(rebate.units.all()) == [unit]
    assert rebate.ahri_reference
    assert rebate.opened_on == date(2026, 11, 24)
    assert rebate.history.first().history_user == accounting
    with pytest.raises(DomainError, match="already has"):
        rebate_open(job=job, program=program, by=accounting)


def test_a_job_whose_equipment_does_not_qualify_is_refused(accounting):
    job = JobFactory()
    rated_heat_pump(job, seer2="14.00")
    with pytest.raises(DomainError, match="qualifies"):
        rebate_open(job=job, program=RebateProgramFactory(), by=accounting)


def test_submitting_is_refused_naming_each_missing_paper_then_allowed_once_the_folder_has_them(accounting):
    job = JobFactory()
    rated_heat_pump(job)
    rebate = rebate_open(job=job, program=RebateProgramFactory(required_documents=ALL_PAPERS), by=accounting)

    with pytest.raises(DomainError) as refused:
        rebate_submit(rebate=rebate, by=accounting)
    for words in ("AHRI certificate", "permit final", "CF3R", "posted invoice"):
        assert words in refused.value.message
    rebate.refresh_from_db()
    assert rebate.status == RebateStatus.TO_SUBMIT

    file_every_paper(job)
    assert rebate_documents_missing(rebate) == []
    rebate_submit(rebate=rebate, by=accounting, claim_reference="PGE-77")
    rebate.refresh_from_db()
    assert (rebate.status, rebate.submitted_on, rebate.claim_reference) == (
        RebateStatus.SUBMITTED, date(2026, 11, 24), "PGE-77",
    )  # fmt: skip


def test_a_passed_final_inspection_is_the_permit_final_and_a_draft_invoice_is_not_the_invoice(accounting):
    job = JobFactory()
    rated_heat_pump(job)
    program = RebateProgramFactory(required_documents=[RebateDocument.PERMIT_FINAL, RebateDocument.INVOICE])
    rebate = rebate_open(job=job, program=program, by=accounting)
    InspectionFactory(job=job, status=InspectionStatus.PASSED, result_on=date(2026, 11, 20))
    InvoiceFactory(job=job)  # a draft

    assert rebate_documents_missing(rebate) == ["posted invoice"]


def test_approved_then_paid_or_denied_with_a_reason(accounting):
    job = JobFactory()
    rated_heat_pump(job)
    rebate = rebate_open(job=job, program=RebateProgramFactory(required_documents=[]), by=accounting)
    with pytest.raises(DomainError, match="to submit"):
        rebate_approve(rebate=rebate, by=accounting)
    rebate_submit(rebate=rebate, by=accounting)
    with pytest.raises(DomainError, match="why"):
        rebate_deny(rebate=rebate, reason="  ", by=accounting)
    rebate_approve(rebate=rebate, by=accounting)
    rebate_mark_paid(rebate=rebate, amount_received=Decimal("950.00"), paid_on=date(2026, 11, 23), by=accounting)
    rebate.refresh_from_db()
    assert (rebate.status, rebate.amount_received, rebate.paid_on) == (
        RebateStatus.PAID, Decimal("950.00"), date(2026, 11, 23),
    )  # fmt: skip

    other = JobFactory()
    rated_heat_pump(other)
    denied = rebate_open(job=other, program=rebate.program, by=accounting)
    rebate_submit(rebate=denied, by=accounting)
    rebate_deny(rebate=denied, reason="Unit not on the qualified list", by=accounting)
    denied.refresh_from_db()
    assert (denied.status, denied.denial_reason) == (RebateStatus.DENIED, "Unit not on the qualified list")
    with pytest.raises(DomainError, match="denied: it cannot be marked paid"):
        rebate_mark_paid(rebate=denied, amount_received=Decimal("1"), paid_on=date(2026, 12, 1), by=accounting)


def test_the_job_panel_opens_and_submits_by_htmx_and_redisplays_a_refusal(client_as, accounting, coordinator):
    job = JobFactory()
    rated_heat_pump(job)
    program = RebateProgramFactory(name="TECH Clean CA", required_documents=[RebateDocument.INVOICE])
    client = client_as(accounting)
    panel = reverse("billing:job_rebates", args=[job.pk])
    assert "TECH Clean CA" in client.get(panel).content.decode()

    response = client.post(
        reverse("billing:rebate_open", args=[job.pk]), {"program": program.pk}, HTTP_HX_REQUEST="true"
    )
    assert "TECH Clean CA rebate opened." in response.content.decode()
    rebate = Rebate.objects.get(job=job)

    response = client.post(
        reverse("billing:rebate_submit", args=[rebate.pk]), {"claim_reference": "C-1"}, HTTP_HX_REQUEST="true"
    )
    page = response.content.decode()
    assert "Missing: posted invoice" in page
    assert 'value="C-1"' in page
    # Coordinators read the panel, and may not act on a claim.
    assert client_as(coordinator).get(panel).status_code == 200
    assert client_as(coordinator).post(reverse("billing:rebate_submit", args=[rebate.pk])).status_code == 403


def test_the_list_shows_claims_to_submit_oldest_first_with_their_missing_papers(client_as, accounting):
    older, newer = JobFactory(), JobFactory()
    program = RebateProgramFactory(required_documents=[RebateDocument.CF3R])
    for job, opened_on in ((newer, date(2026, 11, 20)), (older, date(2026, 10, 1))):
        rated_heat_pump(job)
        rebate = rebate_open(job=job, program=program, by=accounting)
        Rebate.objects.filter(pk=rebate.pk).update(opened_on=opened_on)

    page = client_as(accounting).get(reverse("billing:rebate_list")).content.decode()

    assert page.index(older.number) < page.index(newer.number)
    assert page.count("CF3R (HERS verification)") == 2
    submitted = client_as(accounting).get(reverse("billing:rebate_list") + "?status=submitted").content.decode()
    assert older.number not in submitted
    ignored = client_as(accounting).get(reverse("billing:rebate_list") + "?status=nonsense")
    assert ignored.status_code == 200
    assert older.number in ignored.content.decode()


def bulk_rebates(count: int) -> None:
    customer = CustomerFactory()
    site = SiteFactory(customer=customer)
    jobs = Job.objects.bulk_create(
        Job(number=f"R{index:06d}", customer=customer, site=site, sold_on=date(2026, 9, 1), contract_amount=0)
        for index in range(count)
    )
    program = RebateProgramFactory(required_documents=ALL_PAPERS)
    statuses = [RebateStatus.TO_SUBMIT, RebateStatus.TO_SUBMIT, RebateStatus.SUBMITTED, RebateStatus.APPROVED]
    Rebate.objects.bulk_create(
        Rebate(
            job=job,
            program=program,
            payee="customer",
            amount_expected=Decimal("1000"),
            status=statuses[index % 4],
            opened_on=date(2026, 10, 1 + index % 28),
        )  # fmt: skip
        for index, job in enumerate(jobs)
    )


@pytest.mark.parametrize("rows", [10, 5000])
def test_the_list_runs_a_fixed_number_of_queries(client_as, accounting, django_assert_max_num_queries, rows):
    bulk_rebates(rows)
    client = client_as(accounting)
    # Session, user, permissions, the user's employee (visibility); the counts by status; the page's rows.
    with django_assert_max_num_queries(7):
        response = client.get(reverse("billing:rebate_list"))
    assert response.status_code == 200
    assert response.content.decode().count('data-testid="rebate-row"') == min(
        sum(1 for i in range(rows) if i % 4 < 2), 200
    )
