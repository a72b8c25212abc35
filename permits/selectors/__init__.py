"""Every read a permits page shows, with its joins decided once. One module per concern:

display        a job's live permit as the board, job pages, work order and folder show it
packets        the permit packet: what its PDF shows, the job page's packet, the packets to mail
jurisdictions  the building departments, their live permits, and which one a site belongs to
permits        a job's permit panel, its live permit, the start gate's refusal, the code cycle
requirements   which jobs need a permit (kind, equipment, the office's exemption)
"""

from .display import (
    PermitSummary,
    live_permit_number_subquery,
    live_permit_status_subquery,
    permit_summary_for_job,
    permit_summary_for_jobs,
    permit_summary_from_values,
)
from .jurisdictions import (
    SiteJurisdictionAnswer,
    jurisdiction_for_city,
    jurisdiction_get,
    jurisdiction_list_active,
    jurisdiction_list_for_table,
    site_jurisdiction,
)
from .packets import (
    permit_packet_get_visible,
    permit_packet_latest,
    permit_packet_list_to_mail,
    permit_packet_queue,
)
from .permits import (
    NO_ISSUED_PERMIT,
    PermitPanel,
    permit_code_cycle,
    permit_get_live,
    permit_list_for_job,
    permit_panel_for,
    permit_start_refusal,
)
from .requirements import (
    PERMIT_FREE_EQUIPMENT,
    PermitRequirement,
    equipment_is_permit_free,
    job_needs_permit,
    permit_needed_q,
    permit_requirement,
)

__all__ = [
    "NO_ISSUED_PERMIT",
    "PERMIT_FREE_EQUIPMENT",
    "PermitPanel",
    "PermitRequirement",
    "PermitSummary",
    "SiteJurisdictionAnswer",
    "equipment_is_permit_free",
    "job_needs_permit",
    "jurisdiction_for_city",
    "jurisdiction_get",
    "jurisdiction_list_active",
    "jurisdiction_list_for_table",
    "live_permit_number_subquery",
    "live_permit_status_subquery",
    "permit_code_cycle",
    "permit_get_live",
    "permit_list_for_job",
    "permit_needed_q",
    "permit_packet_get_visible",
    "permit_packet_latest",
    "permit_packet_list_to_mail",
    "permit_packet_queue",
    "permit_panel_for",
    "permit_requirement",
    "permit_start_refusal",
    "permit_summary_for_job",
    "permit_summary_for_jobs",
    "permit_summary_from_values",
    "site_jurisdiction",
]
