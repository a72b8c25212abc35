"""Every write to permits goes through here.

One module per concern:

    permits      a job's permit: jurisdiction, application, number, document, exemption, start override
    inspections  a job's inspections: requested, booked, their results, corrections and re-inspections
"""

from .inspections import inspection_book, inspection_reconfirm, inspection_record_result, inspection_request
from .permits import permit_create

__all__ = [
    "permit_create",
    "inspection_book",
    "inspection_reconfirm",
    "inspection_record_result",
    "inspection_request",
]
