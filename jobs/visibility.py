"""Who may see a job, beyond the office (which sees every one).

`jobs.selectors.job_list_visible_to` is the one place every page and download starts from; an app
above jobs that puts people on a job adds its rule here from its AppConfig.ready() (scheduling adds
"booked on one of the job's visits"), so jobs never names another app's tables.

The rule for everyone outside the office:

- A salesperson sees the jobs they sold, whatever becomes of them (cancelled ones too).
- Field staff see a job only through work they are booked for: a visit of their crew, or with them as
  its technician, that still holds its time (not cancelled, not moved away). Being the job's primary
  tech alone shows nothing: a sold job nobody is booked on yet is the office's.
- A visit they worked keeps the job visible after it is done (completed, closed out, the job invoiced
  or closed), so a crew can look back at its own installs; a visit cancelled or rescheduled away from
  them does not, so a job rebooked on another crew leaves their list.
- A cancelled job is nobody's in the field any more, whatever its visits say.
- A visit's own phone page stays open to its people after the visit is cancelled or moved (a status
  tap queued offline still gets its answer), but not once the job is cancelled
  (`scheduling.selectors.visit_list_visible_to`).

What they see of a job they may open is decided by permission, never by role: prices (contract
amount, financing, rebates) need `jobs.view_job_prices`, and the office folder (contracts, finance and
rebate paperwork: `jobs.choices.OFFICE_ONLY_CATEGORIES`) needs `jobs.view_office_folder`.
"""

from collections.abc import Callable

from django.db.models import Q

from .choices import JobStatus

# rule(user) -> a Q over Job: the jobs that user works on through the app that registered it.
JOB_ACCESS_RULES: list[Callable[..., Q]] = []


def register_job_access(rule: Callable[..., Q]) -> None:
    """Let field staff see the jobs `rule(user)` selects (a Q over Job), until a job is cancelled.

    Registering twice is harmless.
    """
    if rule not in JOB_ACCESS_RULES:
        JOB_ACCESS_RULES.append(rule)


def job_q_own_work(user) -> Q:
    """The jobs someone outside the office may see: the ones they sold, and the ones the registered
    rules put them to work on, as long as the job is not cancelled."""
    own = Q(salesperson=user)
    if JOB_ACCESS_RULES:
        booked = Q()
        for rule in JOB_ACCESS_RULES:
            booked |= rule(user)
        own |= booked & ~Q(status=JobStatus.CANCELLED)
    return own
