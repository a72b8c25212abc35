from django.db import models


class MessageKind(models.TextChoices):
    CONFIRMATION = "confirmation", "Day-before confirmation"
    PAGE_OUT = "page_out", "Evening page-out"
    PAGE_OUT_COPY = "page_out_copy", "Page-out copy to salesperson"
    PAGE_ESCALATION = "page_escalation", "Unacknowledged page escalation"
    ON_MY_WAY = "on_my_way", "On my way"
    VISIT_CHANGE = "visit_change", "Appointment changed"
    PAGE_UPDATE = "page_update", "Updated page"
    PERMIT_DIGEST = "permit_digest", "Permit follow-up digest"
    INVOICE = "invoice", "Invoice"
    WARRANTY_DIGEST = "warranty_digest", "Warranty registrations due"


# The messages that told the customer a day and a time for a visit.
CUSTOMER_TOLD_KINDS = [MessageKind.CONFIRMATION, MessageKind.VISIT_CHANGE]
# The messages that gave a crew member their day.
PAGE_KINDS = [MessageKind.PAGE_OUT, MessageKind.PAGE_UPDATE]


class Channel(models.TextChoices):
    SMS = "sms", "Text message"
    EMAIL = "email", "Email"


class MessageStatus(models.TextChoices):
    PENDING = "pending", "Queued"
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"
    SKIPPED = "skipped", "Skipped"


# Statuses a send task may still pick a message up in.
SENDABLE_STATUSES = [MessageStatus.PENDING]
# A message in one of these is out or on its way: its recipient was told.
TOLD_STATUSES = [MessageStatus.PENDING, MessageStatus.SENDING, MessageStatus.SENT]


class VisitChangeKind(models.TextChoices):
    MOVED = "moved", "Moved or given to another crew"
    RELEASED = "released", "Called off"
    BOOKED = "booked", "Booked"


class AcknowledgedVia(models.TextChoices):
    TAP = "tap", "Tapped the link"
    PHONE = "phone", "Told the office by phone"


class SkipReason(models.TextChoices):
    NO_PHONE = "no_phone", "No phone number on file"
    NO_EMAIL = "no_email", "No email address on file"
    INVALID_NUMBER = "invalid_number", "Phone number is not a valid mobile number"
    SMS_OPT_OUT = "sms_opt_out", "Asked not to be texted"
    EMAIL_OPT_OUT = "email_opt_out", "Asked not to be emailed"


class ConfirmationOutcome(models.TextChoices):
    CONFIRMED = "confirmed", "Confirmed"
    RESCHEDULE_REQUESTED = "reschedule_requested", "Reschedule requested"
    CANCEL_REQUESTED = "cancel_requested", "Cancelled"
    LEFT_VOICEMAIL = "left_voicemail", "Left voicemail"
    NO_ANSWER = "no_answer", "No answer"


# Outcomes that settle the question; the others only say someone tried.
DECISIVE_OUTCOMES = {
    ConfirmationOutcome.CONFIRMED,
    ConfirmationOutcome.RESCHEDULE_REQUESTED,
    ConfirmationOutcome.CANCEL_REQUESTED,
}


class ConfirmationSource(models.TextChoices):
    CUSTOMER_REPLY = "customer_reply", "Customer replied online"
    OFFICE_CALL = "office_call", "Office called"


class ConfirmationState(models.TextChoices):
    """Where a visit stands, from the messages, the customer's replies and the office's calls together."""

    CONFIRMED = "confirmed", "Confirmed"
    RESCHEDULE_REQUESTED = "reschedule_requested", "Wants another day"
    CANCEL_REQUESTED = "cancel_requested", "Cancelled"
    UNREACHABLE = "unreachable", "Could not be messaged"
    AWAITING_REPLY = "awaiting_reply", "Waiting for a reply"
    NO_REPLY = "no_reply", "No reply — call"
    NOT_SENT = "not_sent", "Not asked yet"
