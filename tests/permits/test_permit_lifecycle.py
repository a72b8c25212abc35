"""A permit's steps: each from the status it starts from, refused in words from any other, and kept in
the permit's history with who did it."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from installops.errors import DomainError
from jobs.choices import DocumentCategory, JobStatus
from jobs.services import job_change_status
from permits import services
from permits.choices import PermitStatus
from permits.models import Permit, PermitExemption
from tests.jobs.factories import JobFactory
from tests.jobs.files import image_bytes, pdf_bytes, upload
from tests.lifecycle_facts import job_with_facts
from tests.permits.factories import JurisdictionFactory, PermitFactory

# Friday 27 November 2026.
pytestmark = [pytest.mark.django_db, pytest.mark.company_time("2026-11-27 10:00")]
S = PermitStatus
TODAY = date(2026, 11, 27)


@pytest.fixture
def fresno():
    return JurisdictionFactory(name="City of Fresno", cities=["fresno"], permit_valid_days=180)


@pytest.fixture
def permit(fresno, coordinator):
    return services.permit_open(job=JobFactory(), jurisdiction=fresno, fee=Decimal("412.50"), by=coordinator)


def at(permit: Permit, status: str, **fields) -> Permit:
    Permit.objects.filter(pk=permit.pk).update(status=status, **fields)
    permit.refresh_from_db()
    return permit


def test_opening_a_permit_uses_the_sites_department_and_remembers_it(fresno, coordinator):
    job = JobFactory()  # the factory's site is in Fresno
    permit = services.permit_open(job=job, by=coordinator)
    assert (permit.status, permit.jurisdiction) == (S.TO_APPLY, fresno)
    assert job.site.jurisdiction_link.jurisdiction == fresno
    assert job.site.jurisdiction_link.inferred


def test_a_site_without_a_department_must_pick_one(coordinator):
    job = JobFactory(site__city="Kerman")
    with pytest.raises(DomainError, match="Pick the building department") as refused:
        services.permit_open(job=job, by=coordinator)
    assert refused.value.field == "jurisdiction"


def test_a_job_has_one_live_permit_at_a_time(permit, coordinator):
    with pytest.raises(DomainError, match=r"already has a permit \(to apply\)"):
        services.permit_open(job=permit.job, by=coordinator)


def test_applying_fixes_the_fee_and_the_code_cycle_of_the_application_day(permit, coordinator):
    permit = services.permit_apply(permit=permit, applied_on=date(2025, 12, 30), fee=Decimal("380"), by=coordinator)
    assert (permit.status, permit.applied_on, permit.fee, permit.code_cycle) == (
        S.APPLIED, date(2025, 12, 30), Decimal("380"), "2022"
    )  # fmt: skip
    latest = permit.history.first()
    assert (latest.history_user, latest.history_change_reason) == (coordinator, "Applied on Dec 30, 2025")


def test_the_code_cycle_changes_on_its_effective_day(permit, coordinator, settings):
    settings.TITLE24_CODE_CYCLES = [(date(2023, 1, 1), "2022"), (date(2026, 1, 1), "2025")]
    permit = services.permit_apply(permit=permit, applied_on=date(2026, 1, 1), by=coordinator)
    assert permit.code_cycle == "2025"
    assert permit.fee == Decimal("412.50")  # the fee given when opening stays


def test_opening_with_an_application_day_applies_at_once(fresno, coordinator):
    permit = services.permit_open(job=JobFactory(), jurisdiction=fresno, applied_on=TODAY, by=coordinator)
    assert (permit.status, permit.applied_on, permit.code_cycle) == (S.APPLIED, TODAY, "2025")


def test_an_application_day_in_the_future_is_refused(permit, coordinator):
    with pytest.raises(DomainError, match="cannot be in the future") as refused:
        services.permit_apply(permit=permit, applied_on=TODAY + timedelta(days=1), by=coordinator)
    assert refused.value.field == "applied_on"
    with pytest.raises(DomainError, match="Pick a day from"):
        services.permit_apply(permit=permit, applied_on=date(1999, 1, 1), by=coordinator)


def test_issued_takes_the_number_and_the_departments_validity(permit, coordinator):
    permit = services.permit_apply(permit=permit, applied_on=TODAY - timedelta(days=10), by=coordinator)
    permit = services.permit_record_issued(permit=permit, number="  B26-01234 ", issued_on=TODAY, by=coordinator)
    assert (permit.status, permit.number, permit.issued_on) == (S.ISSUED, "B26-01234", TODAY)
    assert permit.expires_on == TODAY + timedelta(days=180)
    assert permit.history.first().history_change_reason == "Issued B26-01234"


def test_issued_keeps_an_expiry_the_card_gives(permit, coordinator):
    permit = services.permit_record_issued(
        permit=permit, number="B26-7", issued_on=TODAY, expires_on=date(2027, 3, 1), by=coordinator
    )
    assert permit.expires_on == date(2027, 3, 1)
    assert permit.applied_on == TODAY  # recorded late: the application is dated the issue day
    assert permit.code_cycle == "2025"


@pytest.mark.parametrize(
    ("number", "issued_on", "expires_on", "field", "message"),
    [
        ("", TODAY, None, "number", "Enter the permit number."),
        ("B26-9", TODAY + timedelta(days=1), None, "issued_on", "cannot be in the future"),
        ("B26-9", TODAY - timedelta(days=30), None, "issued_on", "before the application"),
        ("B26-9", TODAY, TODAY, "expires_on", "must expire after"),
    ],
)
def test_issued_refuses_what_cannot_be_true(permit, coordinator, number, issued_on, expires_on, field, message):
    permit = services.permit_apply(permit=permit, applied_on=TODAY - timedelta(days=5), by=coordinator)
    with pytest.raises(DomainError, match=message) as refused:
        services.permit_record_issued(
            permit=permit, number=number, issued_on=issued_on, expires_on=expires_on, by=coordinator
        )
    assert refused.value.field == field
    permit.refresh_from_db()
    assert permit.status == S.APPLIED


def test_a_number_is_used_once_per_department(permit, fresno, coordinator):
    PermitFactory(jurisdiction=fresno, status=S.ISSUED, number="B26-1")
    with pytest.raises(DomainError, match="already exists|unique"):
        services.permit_record_issued(permit=permit, number="B26-1", issued_on=TODAY, by=coordinator)


def test_a_wrong_number_is_corrected_with_a_reason_kept_in_the_history(permit, coordinator):
    permit = services.permit_record_issued(permit=permit, number="B26-1234", issued_on=TODAY, by=coordinator)
    with pytest.raises(DomainError, match="Say why"):
        services.permit_correct_number(permit=permit, number="B26-1243", reason=" ", by=coordinator)

    permit = services.permit_correct_number(
        permit=permit, number="B26-1243", reason="Digits swapped when typed.", by=coordinator
    )
    assert permit.number == "B26-1243"
    latest, before = list(permit.history.all()[:2])
    assert latest.history_change_reason.startswith("Number B26-1234 → B26-1243")
    assert (before.number, latest.number, latest.history_user) == ("B26-1234", "B26-1243", coordinator)


def test_rejected_needs_a_reason_and_the_job_may_apply_again(permit, coordinator):
    permit = services.permit_apply(permit=permit, applied_on=TODAY, by=coordinator)
    with pytest.raises(DomainError, match="Say why the department rejected it"):
        services.permit_reject(permit=permit, reason="", by=coordinator)
    permit = services.permit_reject(permit=permit, reason="Load calculation missing.", by=coordinator)
    assert (permit.status, permit.status_reason) == (S.REJECTED, "Load calculation missing.")

    again = services.permit_open(job=permit.job, by=coordinator)
    assert again.status == S.TO_APPLY


def test_expired_keeps_the_day_it_ran_out(permit, coordinator):
    permit = services.permit_record_issued(
        permit=permit, number="B26-5", issued_on=TODAY - timedelta(days=200), expires_on=TODAY - timedelta(days=20),
        by=coordinator,
    )  # fmt: skip
    permit = services.permit_expire(permit=permit, by=coordinator)
    assert (permit.status, permit.status_reason) == (S.EXPIRED, "Expired on Nov 7, 2026")


def test_finaled_after_the_final_inspection(permit, coordinator):
    permit = services.permit_record_issued(permit=permit, number="B26-6", issued_on=TODAY - timedelta(days=9),
                                           by=coordinator)  # fmt: skip
    with pytest.raises(DomainError, match="before the permit was issued"):
        services.permit_mark_finaled(permit=permit, finaled_on=TODAY - timedelta(days=10), by=coordinator)
    permit = services.permit_mark_finaled(permit=permit, finaled_on=TODAY, by=coordinator)
    assert (permit.status, permit.finaled_on) == (S.FINALED, TODAY)


# Every step from every status it does not start from is refused, in words, and changes nothing.
STEPS = {
    "apply": (lambda permit, by: services.permit_apply(permit=permit, applied_on=TODAY, by=by), [S.TO_APPLY]),
    "issue": (
        lambda permit, by: services.permit_record_issued(permit=permit, number="N-1", issued_on=TODAY, by=by),
        [S.TO_APPLY, S.APPLIED],
    ),
    "correct": (
        lambda permit, by: services.permit_correct_number(permit=permit, number="N-2", reason="Typo.", by=by),
        [S.ISSUED, S.FINALED],
    ),
    "reject": (lambda permit, by: services.permit_reject(permit=permit, reason="No.", by=by), [S.APPLIED]),
    "expire": (lambda permit, by: services.permit_expire(permit=permit, by=by), [S.ISSUED]),
    "final": (lambda permit, by: services.permit_mark_finaled(permit=permit, finaled_on=TODAY, by=by), [S.ISSUED]),
}
FIELDS = {
    S.TO_APPLY: {},
    S.APPLIED: {"applied_on": TODAY - timedelta(days=3)},
    S.ISSUED: {"applied_on": TODAY - timedelta(days=3), "issued_on": TODAY - timedelta(days=1), "number": "N-0"},
    S.FINALED: {"applied_on": TODAY - timedelta(days=3), "issued_on": TODAY - timedelta(days=1), "number": "N-0"},
    S.REJECTED: {"applied_on": TODAY - timedelta(days=3)},
    S.EXPIRED: {"applied_on": TODAY - timedelta(days=3), "issued_on": TODAY - timedelta(days=1), "number": "N-0"},
}


@pytest.mark.parametrize("step", STEPS)
@pytest.mark.parametrize("status", list(S))
def test_each_step_starts_only_from_its_statuses(permit, coordinator, step, status):
    do, allowed = STEPS[step]
    permit = at(permit, status, **FIELDS[status])
    if status in allowed:
        assert do(permit, coordinator).status != status or step == "correct"
        return
    with pytest.raises(DomainError, match=f"A permit that is {S(status).label.lower()} cannot be"):
        do(permit, coordinator)
    permit.refresh_from_db()
    assert permit.status == status


def test_exempting_a_job_keeps_who_when_and_why(coordinator):
    job = JobFactory()
    with pytest.raises(DomainError, match="Say why"):
        services.permit_exempt(job=job, reason="  ", by=coordinator)
    exemption = services.permit_exempt(job=job, reason="Mini-split head on an existing circuit.", by=coordinator)
    assert (exemption.decided_by, exemption.reason) == (coordinator, "Mini-split head on an existing circuit.")
    assert exemption.history.first().history_user == coordinator
    with pytest.raises(DomainError, match="already marked"):
        services.permit_exempt(job=job, reason="Again.", by=coordinator)
    with pytest.raises(DomainError, match="needs no permit"):
        services.permit_open(job=job, by=coordinator)


def test_a_job_with_a_permit_cannot_also_be_exempted(permit, coordinator):
    with pytest.raises(DomainError, match=r"has a permit \(to apply\)"):
        services.permit_exempt(job=permit.job, reason="Changed our mind.", by=coordinator)


def test_the_permit_document_goes_into_the_job_folder(permit, coordinator):
    permit = services.permit_record_issued(permit=permit, number="B26-77", issued_on=TODAY, by=coordinator)
    document = services.permit_attach_document(
        permit=permit, upload=upload(pdf_bytes("Permit B26-77"), "permit card.pdf"), by=coordinator
    )
    permit.refresh_from_db()
    assert permit.document == document
    assert (document.job, document.category, document.title) == (permit.job, DocumentCategory.PERMIT, "Permit B26-77")
    assert not document.office_only  # the crew may show the card to the inspector


def test_a_permit_document_is_checked_like_every_upload(permit, coordinator):
    with pytest.raises(DomainError):
        services.permit_attach_document(permit=permit, upload=upload(b"MZ\x90\x00 not a pdf", "permit.pdf"),
                                        by=coordinator)  # fmt: skip
    permit.refresh_from_db()
    assert permit.document is None
    photo = services.permit_attach_document(permit=permit, upload=upload(image_bytes(), "card.jpg"), by=coordinator)
    assert photo.kind == "photo"


def test_an_issued_permit_lets_the_coordinator_move_a_scheduled_job_to_permitted(fresno, coordinator):
    job = job_with_facts(JobStatus.SCHEDULED)
    with pytest.raises(DomainError, match="an issued permit"):
        job_change_status(job=job, to_status=JobStatus.PERMITTED, by=coordinator)
    permit = services.permit_open(job=job, jurisdiction=fresno, applied_on=TODAY, by=coordinator)
    services.permit_record_issued(permit=permit, number="B26-88", issued_on=TODAY, by=coordinator)
    assert job_change_status(job=job, to_status=JobStatus.PERMITTED, by=coordinator).status == JobStatus.PERMITTED


def test_an_exemption_is_withdrawn_with_a_reason_kept_in_its_history(fresno, coordinator):
    job = JobFactory()
    exemption = services.permit_exempt(job=job, reason="Thermostat only.", by=coordinator)
    with pytest.raises(DomainError, match="Say why"):
        services.permit_exemption_withdraw(job=job, reason="", by=coordinator)

    services.permit_exemption_withdraw(job=job, reason="A condenser was added to the sale.", by=coordinator)
    assert not PermitExemption.objects.filter(job=job).exists()
    deleted = PermitExemption.history.filter(id=exemption.pk).first()
    assert (deleted.history_type, deleted.history_user) == ("-", coordinator)
    assert deleted.history_change_reason == "Withdrawn: A condenser was added to the sale."
    assert services.permit_open(job=job, by=coordinator).status == S.TO_APPLY
    with pytest.raises(DomainError, match="not marked"):
        services.permit_exemption_withdraw(job=job, reason="Again.", by=coordinator)
