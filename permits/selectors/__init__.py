"""Every read a permits page shows, with its joins decided once. One module per concern."""

from .jurisdictions import (
    SiteJurisdictionAnswer,
    jurisdiction_for_city,
    jurisdiction_list_active,
    site_jurisdiction,
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
    "SiteJurisdictionAnswer",
    "equipment_is_permit_free",
    "job_needs_permit",
    "jurisdiction_for_city",
    "jurisdiction_list_active",
    "permit_code_cycle",
    "permit_get_live",
    "permit_list_for_job",
    "permit_needed_q",
    "permit_panel_for",
    "permit_requirement",
    "permit_start_refusal",
    "site_jurisdiction",
]
