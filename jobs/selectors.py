"""Every read of jobs that a page shows goes through here, with its joins decided once."""

from collections.abc import Iterable

from django.db.models import BigIntegerField, BooleanField, Exists, ExpressionWrapper, OuterRef, Q, QuerySet

from . import visibility
from .choices import OFFICE_ONLY_CATEGORIES, DocumentCategory, PaperworkCondition
from .facts import job_facts_annotate
from .models import CompletionSignoff, Customer, Document, InstalledEquipment, Job, RequiredPaperwork


def job_list_visible_to(user) -> QuerySet[Job]:
    """The jobs this user may see at all.

    The office sees every job. Salespeople see the jobs they sold, and field staff the jobs the apps
    above add through `jobs.visibility` (scheduling: their crew, or they themselves, are booked on
    it), until the job is cancelled; the rule is spelled out in `jobs.visibility`. Every page and file
    download starts from this queryset, so another crew's job is simply not found (404).
    """
    if not user.is_authenticated or not user.has_perm("jobs.view_job"):
        return Job.objects.none()
    if user.has_perm("jobs.view_all_jobs"):
        return Job.objects.all()
    return Job.objects.filter(pk__in=Job.objects.filter(visibility.job_q_own_work(user)).values("pk"))


def job_list_for_table(*, user) -> QuerySet[Job]:
    """The job list page: one query for the rows (with the other apps' facts), whatever their number."""
    return job_facts_annotate(job_list_visible_to(user).select_related("customer", "site", "salesperson"))


def job_get_for_detail(*, user, pk: int) -> Job:
    """One job with what its page shows. Raises Job.DoesNotExist when the user may not see it."""
    return (
        job_facts_annotate(job_list_visible_to(user))
        .select_related("customer", "site", "salesperson", "primary_tech", "finance_company", "original_job__customer")
        .prefetch_related("status_changes__changed_by")
        .get(pk=pk)
    )


def customer_list_search(*, query: str = "") -> QuerySet[Customer]:
    customers = Customer.objects.all()
    if query:
        customers = customers.filter(
            Q(name__icontains=query)
            | Q(phone__icontains=query)
            | Q(email__icontains=query)
            | Q(sites__street__icontains=query)
        ).distinct()
    return customers


# ---------------------------------------------------------------- job folders


def user_sees_office_folder(user) -> bool:
    return user.has_perm("jobs.view_office_folder")


# The field folder, as a filter: by category (contracts, finance, rebate forms: OFFICE_ONLY_CATEGORIES)
# and by the flag the office sets on any other file. The category is checked itself, not only
# through the flag it implies, so the field folder never depends on a flag being right.
FIELD_FOLDER_Q = Q(office_only=False) & ~Q(category__in=sorted(OFFICE_ONLY_CATEGORIES))


def document_list_field_folder(*, job: Job) -> QuerySet[Document]:
    """What the crew gets: everything in the folder except what carries prices or credit.

    Every field-folder list, download, thumbnail and folder PDF starts here (or from
    `document_get_for_user`, which applies the same filter).
    """
    return (
        Document.objects.filter(FIELD_FOLDER_Q, job=job, removed_at__isnull=True)
        .select_related("uploaded_by")
        .order_by("category", "uploaded_at", "id")
    )


def document_list_office_folder(*, job: Job) -> QuerySet[Document]:
    return (
        Document.objects.filter(job=job, removed_at__isnull=True)
        .select_related("uploaded_by")
        .order_by("category", "uploaded_at", "id")
    )


def document_q_for_user(user) -> Q:
    """The documents of a visible job this user may see.

    The office sees the whole folder; whoever may see the job's prices (the salesperson who sold it)
    also gets the priced paperwork of the deal (contract, finance, rebate forms) but not what the office
    flagged for itself; everyone else gets the field folder.
    """
    if user_sees_office_folder(user):
        return Q()
    if user.has_perm("jobs.view_job_prices"):
        return FIELD_FOLDER_Q | Q(category__in=sorted(OFFICE_ONLY_CATEGORIES))
    return FIELD_FOLDER_Q


def document_list_for_user(*, job: Job, user) -> QuerySet[Document]:
    """The folder this user may see on a job they may open (see `document_q_for_user`)."""
    return document_list_office_folder(job=job).filter(document_q_for_user(user))


def document_get_for_user(*, user, pk: int, job_pk: int | None = None) -> Document:
    """One document, through the job visibility rule and the office-folder rule.

    Raises Document.DoesNotExist for anything the user may not see (the view answers 404).
    """
    documents = Document.objects.filter(
        document_q_for_user(user), job__in=job_list_visible_to(user), removed_at__isnull=True
    )
    if job_pk is not None:
        documents = documents.filter(job_id=job_pk)
    return documents.select_related("job").get(pk=pk)


def installed_equipment_list_for_job(*, job: Job) -> QuerySet[InstalledEquipment]:
    return InstalledEquipment.objects.filter(job=job).select_related("nameplate_photo", "recorded_by")


def completion_signoff_list_for_job(*, job: Job) -> QuerySet[CompletionSignoff]:
    return CompletionSignoff.objects.filter(job=job).select_related("certificate", "recorded_by")


def job_list_paperwork_missing(*, jobs: Iterable[Job]) -> dict[int, list[str]]:
    """For each job, the required paperwork (by kind, see admin) not yet in its folder, as labels.

    Two queries whatever the number of jobs: the readiness board calls this for a whole page.
    """
    jobs = list(jobs)
    if not jobs:
        return {}
    requirements: dict[str, list[RequiredPaperwork]] = {}
    for requirement in RequiredPaperwork.objects.filter(job_kind__in={job.kind for job in jobs}):
        requirements.setdefault(requirement.job_kind, []).append(requirement)
    present: dict[int, set[str]] = {}
    rows = (
        Document.objects.filter(job__in=[job.pk for job in jobs], removed_at__isnull=True)
        .values_list("job_id", "category")
        .distinct()
    )
    for job_id, category in rows:
        present.setdefault(job_id, set()).add(category)
    missing: dict[int, list[str]] = {}
    for job in jobs:
        have = present.get(job.pk, set())
        missing[job.pk] = [
            DocumentCategory(requirement.category).label
            for requirement in requirements.get(job.kind, [])
            if requirement.category not in have and requirement.applies_to(job)
        ]
    return missing


def job_paperwork_missing(*, job: Job) -> list[str]:
    return job_list_paperwork_missing(jobs=[job])[job.pk]


def job_paperwork_missing_expression(job_ref: str = "pk"):
    """A boolean SQL expression, true when a job lacks some paperwork its kind requires.

    `job_ref` is the path from the annotated queryset's model to the job's id ("pk" on jobs,
    "job_id" on visits). The same rule as `job_list_paperwork_missing`, as one subquery so a list
    page can annotate it onto its own single query.
    """
    prefix = "" if job_ref == "pk" else "job__"
    present = Document.objects.filter(
        job_id=OuterRef(OuterRef(job_ref)), category=OuterRef("category"), removed_at__isnull=True
    )
    required = (
        RequiredPaperwork.objects.filter(job_kind=OuterRef(f"{prefix}kind"))
        .annotate(
            job_title24=ExpressionWrapper(OuterRef(f"{prefix}title24"), output_field=BooleanField()),
            job_home_performance=ExpressionWrapper(OuterRef(f"{prefix}home_performance"), output_field=BooleanField()),
            job_finance_company=ExpressionWrapper(
                OuterRef(f"{prefix}finance_company_id"), output_field=BigIntegerField()
            ),
        )
        .filter(
            Q(condition=PaperworkCondition.ALWAYS)
            | Q(condition=PaperworkCondition.TITLE24, job_title24=True)
            | Q(condition=PaperworkCondition.HOME_PERFORMANCE, job_home_performance=True)
            | Q(condition=PaperworkCondition.FINANCED, job_finance_company__isnull=False)
        )
        .filter(~Exists(present))
    )
    return Exists(required)
