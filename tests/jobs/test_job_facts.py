"""Facts the apps above jobs register show in the job page's header and as job list columns, from the
page's own query."""

import pytest
from django.db.models import F, Value
from django.db.models.functions import Concat
from django.urls import reverse

from jobs import facts
from jobs.models import Job
from tests.jobs.factories import JobFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def city_fact():
    saved = list(facts.JOB_FACTS)
    facts.register_job_fact(
        "where",
        label="Where",
        annotate=lambda ref: {"city": Concat(Value("in "), F("site__city"))},
        text=lambda values: values["city"],
        order=1,
    )
    yield
    facts.JOB_FACTS[:] = saved


def test_a_registered_fact_shows_in_the_header_and_the_list(client_as, coordinator, city_fact):
    job = JobFactory(site__city="Clovis")
    client = client_as(coordinator)
    page = client.get(reverse("jobs:job_detail", args=[job.pk])).content.decode()
    assert "Where in Clovis" in page
    listing = client.get(reverse("jobs:job_list")).content.decode()
    assert "<th>Where</th>" in listing
    assert '<td class="fact-where">in Clovis</td>' in listing


def test_registering_again_replaces_the_fact(city_fact):
    before = len(facts.JOB_FACTS)
    facts.register_job_fact("where", label="City", annotate=lambda ref: {}, text=lambda values: "", order=1)
    assert len(facts.JOB_FACTS) == before
    assert next(fact for fact in facts.JOB_FACTS if fact.name == "where").label == "City"


def test_a_job_loaded_without_the_facts_reads_nothing(city_fact):
    job = Job.objects.get(pk=JobFactory().pk)
    assert ("where", "") in [(fact.name, text) for fact, text in facts.job_facts_for(job)]
    annotated = facts.job_facts_annotate(Job.objects.filter(pk=job.pk)).get()
    assert ("where", "in Fresno") in [(fact.name, text) for fact, text in facts.job_facts_for(annotated)]
