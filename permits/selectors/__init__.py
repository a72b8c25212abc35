"""Every read a permits page shows, with its joins decided once. One module per concern:

display        a job's live permit as the board, job pages, work order and folder show it
jurisdictions  the building departments and their live permits
"""

from .display import (
    PermitSummary,
    live_permit_number_subquery,
    live_permit_status_subquery,
    permit_summary_for_job,
    permit_summary_for_jobs,
    permit_summary_from_values,
)
from .jurisdictions import jurisdiction_get, jurisdiction_list_for_table

__all__ = [
    "PermitSummary",
    "live_permit_number_subquery",
    "live_permit_status_subquery",
    "permit_summary_for_job",
    "permit_summary_for_jobs",
    "permit_summary_from_values",
    "jurisdiction_get",
    "jurisdiction_list_for_table",
]
