"""The crew filter scheduling adds to the job list (registered by SchedulingConfig.ready())."""

import django_filters

from .models import Crew


def _active_crews(request):
    return Crew.objects.filter(active=True)


def _jobs_of_crew(queryset, name, crew):
    return queryset.filter(pk__in=crew.visits.values("job_id"))


def job_crew_filter() -> django_filters.ModelChoiceFilter:
    return django_filters.ModelChoiceFilter(
        queryset=_active_crews, method=_jobs_of_crew, label="Crew", empty_label="Any crew"
    )
