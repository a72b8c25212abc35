"""The building departments, as the office's jurisdictions pages show them."""

from django.db.models import Count, Q, QuerySet

from ..choices import LIVE_PERMIT_STATUSES
from ..models import Jurisdiction


def jurisdiction_list_for_table() -> QuerySet[Jurisdiction]:
    """Every department with its number of live permits: one query, whatever the number of permits."""
    return Jurisdiction.objects.annotate(
        live_permit_count=Count("permits", filter=Q(permits__status__in=LIVE_PERMIT_STATUSES))
    ).order_by("-active", "name")


def jurisdiction_get(*, pk: int) -> Jurisdiction:
    return Jurisdiction.objects.get(pk=pk)
