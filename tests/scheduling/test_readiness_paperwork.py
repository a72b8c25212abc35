"""Readiness flags "paperwork missing" until the folder holds what the job's kind requires."""

import pytest

from jobs.models import Job
from scheduling import selectors
from scheduling.models import Visit
from tests.jobs.factories import FinanceCompanyFactory, JobFactory
from tests.jobs.files import add_document, image_bytes, pdf_bytes
from tests.scheduling.factories import VisitFactory

pytestmark = pytest.mark.django_db


def paperwork_flagged(job) -> bool:
    row = selectors.readiness_annotate(Job.objects.filter(pk=job.pk), on_visits=False).get()
    return "paperwork_missing" in [check.name for check in selectors.readiness_missing(row)]


def test_the_flag_clears_once_the_paperwork_is_in_the_folder():
    job = JobFactory(kind="install", title24=True, finance_company=FinanceCompanyFactory())
    assert paperwork_flagged(job)
    add_document(job, "contract", pdf_bytes(), "contract.pdf")
    add_document(job, "permit", image_bytes(), "permit-card.jpg")  # a photo of the permit card counts
    add_document(job, "title24", pdf_bytes(), "cf1r.pdf")
    assert paperwork_flagged(job)  # the finance paperwork is still missing
    add_document(job, "finance", pdf_bytes(), "loan.pdf")
    assert not paperwork_flagged(job)


def test_a_job_without_title24_or_financing_needs_only_contract_and_permit():
    job = JobFactory(kind="install", title24=False)
    add_document(job, "contract", pdf_bytes(), "contract.pdf")
    add_document(job, "permit", pdf_bytes(), "permit.pdf")
    assert not paperwork_flagged(job)


def test_the_board_rows_carry_the_flag_in_their_one_query(installer, django_assert_num_queries):
    ready = VisitFactory(job=JobFactory(kind="install", title24=False), crew=installer.crew)
    add_document(ready.job, "contract", pdf_bytes(), "contract.pdf")
    add_document(ready.job, "permit", pdf_bytes(), "permit.pdf")
    missing = VisitFactory(job=JobFactory(kind="install", title24=False), crew=installer.crew)
    with django_assert_num_queries(1):
        rows = {visit.pk: visit for visit in selectors.readiness_annotate(Visit.objects.all(), on_visits=True)}
    assert rows[missing.pk].missing_paperwork_missing is True
    assert rows[ready.pk].missing_paperwork_missing is False
