"""Who may see a job, beyond the office, its salesperson and its primary tech.

`jobs.selectors.job_list_visible_to` is the one place every page and download starts from; an app
above jobs that puts people on a job adds its rule here from its AppConfig.ready() (scheduling adds
"booked on one of the job's visits"), so jobs never names another app's tables.
"""

from collections.abc import Callable

from django.db.models import Q

# rule(user) -> a Q over Job: the jobs that user works on through the app that registered it.
JOB_ACCESS_RULES: list[Callable[..., Q]] = []


def register_job_access(rule: Callable[..., Q]) -> None:
    """Let field staff see the jobs `rule(user)` selects (a Q over Job). Registering twice is harmless."""
    if rule not in JOB_ACCESS_RULES:
        JOB_ACCESS_RULES.append(rule)
