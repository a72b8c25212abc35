"""Every read of jobs that a page shows goes through here, with its joins decided once."""

from django.db.models import Q, QuerySet

from .models import Customer, Job


def job_list_visible_to(user) -> QuerySet[Job]:
    """The jobs this user may see at all.

    The office sees every job. Field staff see the jobs their crew (or they themselves) are booked
    on, and salespeople the jobs they sold. This is the only place that rule lives: every page and
    file download starts from this queryset, so another crew's job is simply not found (404).
    """
    if not user.is_authenticated or not user.has_perm("jobs.view_job"):
        return Job.objects.none()
    if user.has_perm("jobs.view_all_jobs"):
        return Job.objects.all()
    own_work = (
        Q(salesperson=user)
        | Q(primary_tech=user)
        | Q(visits__crew__members__user=user)
        | Q(visits__crew__lead__user=user)
        | Q(visits__technician__user=user)
    )
    return Job.objects.filter(pk__in=Job.objects.filter(own_work).values("pk"))


def job_list_for_table(*, user) -> QuerySet[Job]:
    """The job list page: one query for the rows, whatever their number."""
    return job_list_visible_to(user).select_related("customer", "site", "salesperson")


def job_get_for_detail(*, user, pk: int) -> Job:
    """One job with what its page shows. Raises Job.DoesNotExist when the user may not see it."""
    return (
        job_list_visible_to(user)
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
