"""One lock order for every write to a visit: its job's row first, then the visit's.

A job put on hold or cancelled locks the job and then releases its visits; a tap on the phone, a move
or a close-out that locked the visit first and the job second could wait on it while it waits on them,
and PostgreSQL would abort one of the two. Taking the job first everywhere makes them queue instead.
"""

from jobs.models import Job

from ..models import Visit


def visit_lock(pk: int, *, related: tuple[str, ...] = ()) -> Visit:
    """The visit, re-read with its job's row and its own row locked (call inside a transaction)."""
    job_id = Visit.objects.values_list("job_id", flat=True).get(pk=pk)
    list(Job.objects.select_for_update().filter(pk=job_id).values_list("pk", flat=True))
    return Visit.objects.select_for_update(of=("self",)).select_related("job", *related).get(pk=pk)
