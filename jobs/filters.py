import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q

from installops.forms import Form
from people.choices import EmployeeRole

from .choices import JobKind, JobStatus
from .models import Job


def _salespeople(request):
    return get_user_model().objects.filter(employee__role=EmployeeRole.SALESPERSON).order_by("first_name", "last_name")


class JobFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Search")
    status = django_filters.MultipleChoiceFilter(choices=JobStatus.choices, widget=forms.CheckboxSelectMultiple)
    kind = django_filters.ChoiceFilter(choices=JobKind.choices, empty_label="Any kind")
    sold_after = django_filters.DateFilter(
        field_name="sold_on", lookup_expr="gte", label="Sold from", widget=forms.DateInput(attrs={"type": "date"})
    )
    sold_before = django_filters.DateFilter(
        field_name="sold_on", lookup_expr="lte", label="Sold to", widget=forms.DateInput(attrs={"type": "date"})
    )
    salesperson = django_filters.ModelChoiceFilter(queryset=_salespeople, empty_label="Any salesperson")

    class Meta:
        model = Job
        fields = ["q", "status", "kind", "sold_after", "sold_before", "salesperson"]
        form = Form  # the project's refusals: control characters, days off the calendar

    @property
    def contributed_fields(self) -> list:
        """The form fields of the filters other apps added (the page lays them out after its own)."""
        return [self.form[name] for name in CONTRIBUTED_FILTERS]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(number__iexact=value)
            | Q(number__icontains=value)
            | Q(customer__name__icontains=value)
            | Q(site__street__icontains=value)
            | Q(site__city__icontains=value)
            | Q(customer__phone__icontains=value)
        )


# Filters the apps above jobs add to the job list from their AppConfig.ready() (scheduling: "crew").
CONTRIBUTED_FILTERS: list[str] = []


def register_job_filter(name: str, job_filter: django_filters.Filter) -> None:
    """Add `job_filter` to the job list as `name`. Its `method` gets a queryset of jobs and returns one."""
    if job_filter.field_name is None:
        job_filter.field_name = name
    JobFilter.base_filters[name] = job_filter
    if name not in CONTRIBUTED_FILTERS:
        CONTRIBUTED_FILTERS.append(name)
