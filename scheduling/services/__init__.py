"""Every write to visits goes through here: booking, moving, dispatch statuses, close-out.

One module per concern:

    booking         visit_book
    moves           visit_move, visit_reschedule
    dispatch        the dispatch steps of a visit's day, cancelling
    closeout        visit_record_closeout (the checks it needs are in scheduling/closeout.py)
    subcontractors  a subcontractor's work on a job, booked and called off
    releases        a job put on hold or cancelled releases its visits and subcontractors
    time_off        a crew or an employee away
    clashes         a double booking refused, naming the visit in the way
    locks           one lock order for visit writes: the job, then the visit
    checks          what every booking checks: who, when, which job, working hours
    events          scheduling's signals, sent after commit
"""

from .booking import visit_book
from .checks import BOOKABLE_JOB_STATUSES, BookingNeedsOverride
from .clashes import VisitClashError
from .closeout import visit_record_closeout
from .dispatch import (
    CLOCK_SLACK,
    DISPATCH_FLOW,
    visit_allowed_next_statuses,
    visit_cancel,
    visit_set_dispatch_status,
)
from .locks import visit_lock
from .moves import KEEP, visit_move, visit_reschedule
from .subcontractors import subcontractor_booking_cancel, subcontractor_booking_create
from .time_off import time_off_create

__all__ = [
    "BOOKABLE_JOB_STATUSES",
    "CLOCK_SLACK",
    "DISPATCH_FLOW",
    "KEEP",
    "BookingNeedsOverride",
    "VisitClashError",
    "subcontractor_booking_cancel",
    "subcontractor_booking_create",
    "time_off_create",
    "visit_allowed_next_statuses",
    "visit_book",
    "visit_cancel",
    "visit_lock",
    "visit_move",
    "visit_record_closeout",
    "visit_reschedule",
    "visit_set_dispatch_status",
]
