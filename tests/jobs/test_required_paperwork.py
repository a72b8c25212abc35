"""Each kind of job needs its paperwork in the folder; what is missing is listed (and feeds readiness)."""

import pytest

from jobs.models import RequiredPaperwork
from jobs.selectors import job_list_paperwork_missing, job_paperwork_missing
from tests.jobs.factories import FinanceCompanyFactory, JobFactory
from tests.jobs.files import add_document, pdf_bytes

pytestmark = pytest.mark.django_db


def test_an_install_starts_missing_its_contract_and_permit():
    job = JobFactory(kind="install", title24=False)
    assert job_paperwork_missing(job=job) == ["Contract", "Permit"]
    add_document(job, "contract", pdf_bytes(), "contract.pdf")
    assert job_paperwork_missing(job=job) == ["Permit"]


def test_conditional_paperwork_applies_only_to_the_jobs_it_names():
    plain = JobFactory(kind="install", title24=False)
    title24 = JobFactory(kind="install", title24=True)
    financed = JobFactory(kind="install", finance_company=FinanceCompanyFactory())
    missing = job_list_paperwork_missing(jobs=[plain, title24, financed])
    assert "Title 24 forms" not in missing[plain.pk]
    assert "Title 24 forms" in missing[title24.pk]
    assert "Finance paperwork" in missing[financed.pk]
    assert "Finance paperwork" not in missing[plain.pk]


def test_the_office_configures_what_a_kind_of_job_needs():
    warranty = JobFactory(kind="warranty")
    assert job_paperwork_missing(job=warranty) == []
    RequiredPaperwork.objects.create(job_kind="warranty", category="work_order")
    assert job_paperwork_missing(job=warranty) == ["Work order"]


def test_a_removed_document_does_not_count(coordinator):
    job = JobFactory(kind="install", title24=False)
    from jobs import services

    contract = add_document(job, "contract", pdf_bytes(), "contract.pdf")
    services.document_remove(document=contract, by=coordinator)
    assert "Contract" in job_paperwork_missing(job=job)


def test_the_check_for_many_jobs_takes_two_queries(django_assert_num_queries):
    jobs = [JobFactory(kind="install") for _ in range(15)]
    with django_assert_num_queries(2):
        job_list_paperwork_missing(jobs=jobs)
