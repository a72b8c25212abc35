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


def test_the_sql_check_agrees_with_the_list_for_every_case(coordinator):
    from django.db.models import BooleanField, ExpressionWrapper

    from jobs.models import Job
    from jobs.selectors import job_paperwork_missing_expression

    RequiredPaperwork.objects.create(job_kind="install", category="rebate", condition="home_performance")
    jobs = [
        JobFactory(kind="install", title24=False),
        JobFactory(kind="install", title24=True),
        JobFactory(kind="install", finance_company=FinanceCompanyFactory()),
        JobFactory(kind="install", home_performance=True),
        JobFactory(kind="warranty"),
    ]
    complete = JobFactory(kind="install", title24=True, home_performance=True)
    for category in ("contract", "permit", "title24", "rebate"):
        add_document(complete, category, pdf_bytes(), f"{category}.pdf")
    jobs.append(complete)
    annotated = Job.objects.filter(pk__in=[job.pk for job in jobs]).annotate(
        missing=ExpressionWrapper(job_paperwork_missing_expression("pk"), output_field=BooleanField())
    )
    expected = {pk: bool(labels) for pk, labels in job_list_paperwork_missing(jobs=jobs).items()}
    assert dict(annotated.values_list("pk", "missing")) == expected
    assert expected[complete.pk] is False
    assert expected[jobs[4].pk] is False


def test_the_sql_check_works_on_visits_too(installer):
    from django.db.models import BooleanField, ExpressionWrapper

    from jobs.selectors import job_paperwork_missing_expression
    from scheduling.models import Visit
    from tests.scheduling.factories import VisitFactory

    bare = VisitFactory(job=JobFactory(kind="install", title24=False), crew=installer.crew)
    done = VisitFactory(job=JobFactory(kind="install", title24=False), crew=installer.crew)
    for category in ("contract", "permit"):
        add_document(done.job, category, pdf_bytes(), f"{category}.pdf")
    annotated = Visit.objects.annotate(
        missing=ExpressionWrapper(job_paperwork_missing_expression("job_id"), output_field=BooleanField())
    )
    assert dict(annotated.values_list("pk", "missing")) == {bare.pk: True, done.pk: False}
