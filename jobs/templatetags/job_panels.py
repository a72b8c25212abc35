from django import template

from jobs.panels import job_panels_for

register = template.Library()


@register.simple_tag(takes_context=True)
def job_panels(context, job, column: str):
    """`{% job_panels job "main" as panels %}`: the other apps' panels of that column, with their URLs."""
    return job_panels_for(user=context["request"].user, job=job, column=column)
