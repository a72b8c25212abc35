"""Every read a permits page shows, with its joins decided once. One module per concern:

display        a job's live permit as the board, job pages, work order and folder show it
follow_up      the install administrator's follow-up list: what waits on the office, oldest first
inspections    a job's inspections and the windows its department offers
jurisdictions  the building departments, their live permits, and which one a site belongs to
packets        the permit packet: what its PDF shows, the job page's packet, the packets to mail
permits        a job's permit panel, its live permit, the start gate's refusal, the code cycle
requirements   which jobs need a permit (kind, equipment, the office's exemption)
title24        a job's Title 24 scope, code cycle, forms and HERS: what the gate still misses
"""

from .display import (
    PermitSummary,
    live_permit_number_subquery,
    live_permit_status_subquery,
    permit_summary_for_job,
    permit_summary_for_jobs,
    permit_summary_from_values,
)
from .follow_up import FollowUpLine, follow_up_counts, follow_up_list
from .inspections import inspection_list_for_job, inspection_windows_for_job
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
from .title24 import (
    FORM_LABELS,
    Title24Facts,
    hers_not_passed,
    hers_verification_missing,
    title24_code_cycle,
    title24_facts,
    title24_forms_missing,
    title24_gate_missing,
)

__all__ = [
    "FORM_LABELS",
    "Title24Facts",
    "hers_not_passed",
    "hers_verification_missing",
    "title24_code_cycle",
    "title24_facts",
    "title24_forms_missing",
    "title24_gate_missing",
    "NO_ISSUED_PERMIT",
    "PERMIT_FREE_EQUIPMENT",
    "PermitPanel",
    "PermitRequirement",
    "PermitSummary",
    "SiteJurisdictionAnswer",
    "FollowUpLine",
    "equipment_is_permit_free",
    "follow_up_counts",
    "follow_up_list",
    "inspection_list_for_job",
    "inspection_windows_for_job",
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
