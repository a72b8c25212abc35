from django.db import models


class VisitStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    CONFIRMED = "confirmed", "Confirmed"
    ON_MY_WAY = "on_my_way", "On my way"
    ON_SITE = "on_site", "On site"
    COMPLETED = "completed", "Completed"
    CLOSED_OUT = "closed_out", "Closed out"
    CANCELLED = "cancelled", "Cancelled"
    RESCHEDULED = "rescheduled", "Rescheduled"
    # Released with its job when the job is put on hold: off the board and the phone until booked again.
    ON_HOLD = "on_hold", "On hold"


# A visit in one of these no longer holds its crew's time.
RELEASED_VISIT_STATUSES = [VisitStatus.CANCELLED, VisitStatus.RESCHEDULED, VisitStatus.ON_HOLD]

# A visit in one of these still holds its crew's time and has not been worked to the end yet.
OPEN_VISIT_STATUSES = [VisitStatus.SCHEDULED, VisitStatus.CONFIRMED, VisitStatus.ON_MY_WAY, VisitStatus.ON_SITE]
# The work of a visit in one of these is done.
DONE_VISIT_STATUSES = [VisitStatus.COMPLETED, VisitStatus.CLOSED_OUT]


# The main line of a visit's day, in order. Cancelled, rescheduled and on hold leave it, with a reason.
DISPATCH_LINE = [
    VisitStatus.SCHEDULED,
    VisitStatus.CONFIRMED,
    VisitStatus.ON_MY_WAY,
    VisitStatus.ON_SITE,
    VisitStatus.COMPLETED,
    VisitStatus.CLOSED_OUT,
]

# Statuses in which a visit can still be moved on the board.
MOVABLE_VISIT_STATUSES = [VisitStatus.SCHEDULED, VisitStatus.CONFIRMED]


class Weekday(models.IntegerChoices):
    MONDAY = 0, "Monday"
    TUESDAY = 1, "Tuesday"
    WEDNESDAY = 2, "Wednesday"
    THURSDAY = 3, "Thursday"
    FRIDAY = 4, "Friday"
    SATURDAY = 5, "Saturday"
    SUNDAY = 6, "Sunday"


class SubcontractorTrade(models.TextChoices):
    CRANE = "crane", "Crane lift"
    INSULATION = "insulation", "Insulation"
    ELECTRICAL = "electrical", "Electrical"
    DUCT_CLEANING = "duct_cleaning", "Duct cleaning"
    HERS_RATER = "hers_rater", "HERS rater"
    OTHER = "other", "Other"


class SubcontractorBookingStatus(models.TextChoices):
    BOOKED = "booked", "Booked"
    CANCELLED = "cancelled", "Cancelled"
