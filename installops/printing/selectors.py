from django.db.models import QuerySet

from installops.models import PrintJob

RECENT_PRINT_JOBS = 100


def print_job_list_recent(*, limit: int = RECENT_PRINT_JOBS) -> QuerySet[PrintJob]:
    """The latest print jobs, newest first, with who asked (one query)."""
    return PrintJob.objects.select_related("requested_by").order_by("-requested_at", "-id")[:limit]
