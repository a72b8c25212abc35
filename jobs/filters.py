import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q

from .choices import JobKind, JobStatus
from .models import Job


def _salespeople(request):
    return get_user_model().objects.filter(employee__role="salesperson").order_by("first_name", "last_name")


def _crews(request):
    from django.apps import apps

    # Crews live in the scheduling app; looked up by name so `jobs` imports nothing of it.
    return apps.get_model("scheduling", "Crew").objects.filter(active=True)


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
    crew = django_filters.ModelChoiceFilter(queryset=_crews, method="filter_crew", label="Crew", empty_label="Any crew")

    class Meta:
        model = Job
        fields = ["q", "status", "kind", "sold_after", "sold_before", "salesperson", "crew"]

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

    def filter_crew(self, queryset, name, crew):
        job_ids = crew.visits.values("job_id")
        return queryset.filter(pk__in=job_ids)
