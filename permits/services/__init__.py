"""Every write to permits goes through here.

One module per concern:

    permits        a job's permit: jurisdiction, application, number, document, exemption, start override
    lifecycle      a permit's steps: open, apply, issued, number corrected, rejected, expired, finaled; exempt
    jurisdictions  the building departments (added, edited) and a site's, found by city or picked
    gate           the coordinator's override of the start gate
    inspections    a job's inspections: requested, booked, their results, corrections and re-inspections
    title24        a job's Title 24 scope and its forms (CF1R, CF2R, CF3R) with registry ids and documents
    packets        the permit packet PDF: render, relay, print, mailed
    hers           HERS verification: rater, tests, results; a failure books the fix and a re-test
"""

from .gate import permit_start_override_grant
from .hers import hers_rater_set, hers_test_record_result, hers_tests_schedule
from .inspections import inspection_book, inspection_reconfirm, inspection_record_result, inspection_request
from .jurisdictions import (
    jurisdiction_create,
    jurisdiction_update,
    site_jurisdiction_infer,
    site_jurisdiction_set,
)
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
from .packets import (
    permit_packet_print,
    permit_packet_record_mailed,
    permit_packet_render,
    permit_packet_render_relay,
    permit_packet_request,
    permit_packets_print,
    permit_packets_record_mailed,
)
from .permits import permit_create
from .title24 import title24_form_record, title24_scope_set, title24_trigger_for

__all__ = [
    "hers_rater_set",
    "hers_test_record_result",
    "hers_tests_schedule",
    "inspection_book",
    "inspection_reconfirm",
    "inspection_record_result",
    "inspection_request",
    "jurisdiction_create",
    "jurisdiction_update",
    "permit_apply",
    "permit_attach_document",
    "permit_correct_number",
    "permit_create",
    "permit_exempt",
    "permit_exemption_withdraw",
    "permit_expire",
    "permit_mark_finaled",
    "permit_open",
    "permit_packet_print",
    "permit_packet_record_mailed",
    "permit_packet_render",
    "permit_packet_render_relay",
    "permit_packet_request",
    "permit_packets_print",
    "permit_packets_record_mailed",
    "permit_record_issued",
    "permit_reject",
    "permit_start_override_grant",
    "site_jurisdiction_infer",
    "site_jurisdiction_set",
    "title24_form_record",
    "title24_scope_set",
    "title24_trigger_for",
]
