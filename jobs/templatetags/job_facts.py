from django import template

from jobs.facts import JOB_FACTS, job_facts_for

register = template.Library()


@register.simple_tag
def job_facts(job):
    """`{% job_facts job as facts %}`: (fact, words) for each fact other apps registered, in order."""
    return job_facts_for(job)


@register.simple_tag
def job_fact_columns():
    """`{% job_fact_columns as columns %}`: the facts, as the job list's extra columns."""
    return list(JOB_FACTS)
