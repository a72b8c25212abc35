"""Every read of crews and visits that a page or a service needs, with its joins decided once.

One module per concern:

    availability   working weeks, time off, the warnings of a booking outside them, a job's block
    people         who is on a visit (crew lead, members, technician), as a filter and over loaded visits
    visibility     which visits and jobs a user may see, which dispatch steps they may take
    estimates      how long a job's visit takes and which skills it needs
    unscheduled    the queue of sold jobs with nothing booked
    slots          the next free slots for a job
    callbacks      callbacks counted against the crews whose installs they go back to
    timecards      labor on a job
    visits         a job's visits, one visit's page, a job's subcontractors
    board          the dispatch board
"""

# Readiness is jobs' registry; the pages that show visits read it through here.
from jobs.readiness import READINESS_CHECKS, readiness_annotate, readiness_missing

from .availability import (
    DEFAULT_WORKING_HOURS,
    crew_working_week,
    time_off_overlapping,
    visit_availability_warnings,
    visit_block_for_hours,
)
from .board import BOARD_FIRST_HOUR, BOARD_LAST_HOUR, Board, BoardBlock, BoardCell, BoardRow, board_for
from .callbacks import callback_counts_by_crew, crew_list_with_callback_counts, crew_of_original_install
from .estimates import BookingEstimate, booking_estimate_for_job
from .people import VISIT_PEOPLE_PREFETCH, VISIT_PEOPLE_SELECT, visit_people, visit_people_ids, visit_q_worked_by
from .slots import SlotSuggestion, crew_list_able_to_do, visit_suggest_slots
from .timecards import timecard_hours_for_job, timecard_list_for_job
from .unscheduled import NEEDS_VISIT_STATUSES, job_list_unscheduled
from .visibility import FIELD_SETTABLE_STATUSES, job_q_booked_for, visit_list_visible_to, visit_statuses_settable_by
from .visits import subcontractor_booking_list_for_job, visit_get_for_detail, visit_list_for_job

__all__ = [
    "BOARD_FIRST_HOUR",
    "BOARD_LAST_HOUR",
    "DEFAULT_WORKING_HOURS",
    "FIELD_SETTABLE_STATUSES",
    "NEEDS_VISIT_STATUSES",
    "READINESS_CHECKS",
    "VISIT_PEOPLE_PREFETCH",
    "VISIT_PEOPLE_SELECT",
    "Board",
    "BoardBlock",
    "BoardCell",
    "BoardRow",
    "BookingEstimate",
    "SlotSuggestion",
    "board_for",
    "booking_estimate_for_job",
    "callback_counts_by_crew",
    "crew_list_able_to_do",
    "crew_list_with_callback_counts",
    "crew_of_original_install",
    "crew_working_week",
    "job_list_unscheduled",
    "job_q_booked_for",
    "readiness_annotate",
    "readiness_missing",
    "subcontractor_booking_list_for_job",
    "time_off_overlapping",
    "timecard_hours_for_job",
    "timecard_list_for_job",
    "visit_availability_warnings",
    "visit_block_for_hours",
    "visit_get_for_detail",
    "visit_list_for_job",
    "visit_list_visible_to",
    "visit_people",
    "visit_people_ids",
    "visit_q_worked_by",
    "visit_statuses_settable_by",
    "visit_suggest_slots",
]
