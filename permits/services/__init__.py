"""Every write to permits goes through here.

One module per concern:

    permits        a job's permit: jurisdiction, application, number, document, exemption, start override
    lifecycle      a permit's steps: open, apply, issued, number corrected, rejected, expired, finaled; exempt
    jurisdictions  a site's building department, found by city or picked
    gate           the coordinator's override of the start gate
"""

from .gate import permit_start_override_grant
from .jurisdictions import site_jurisdiction_infer, site_jurisdiction_set
from .lifecycle import (
    permit_apply,
    permit_attach_document,
    permit_correct_number,
    permit_exempt,
    permit_exemption_withdraw,
    permit_expire,
    permit_mark_finaled,
    permit_open,
    permit_record_issued,
    permit_reject,
)
from .permits import permit_create

__all__ = [
    "permit_apply",
    "permit_attach_document",
    "permit_correct_number",
    "permit_create",
    "permit_exempt",
    "permit_exemption_withdraw",
    "permit_expire",
    "permit_mark_finaled",
    "permit_open",
    "permit_record_issued",
    "permit_reject",
    "permit_start_override_grant",
    "site_jurisdiction_infer",
    "site_jurisdiction_set",
]
