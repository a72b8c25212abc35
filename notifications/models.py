from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.template import Context, Engine, TemplateSyntaxError
from django.utils import timezone

from installops.models import TimeStampedModel
from jobs.models import Job
from people.models import Employee
from scheduling.models import Crew, Visit

from .choices import (
    AcknowledgedVia,
    Channel,
    ConfirmationOutcome,
    ConfirmationSource,
    MessageKind,
    MessageStatus,
    SkipReason,
    VisitChangeKind,
)


class MessageTemplate(TimeStampedModel):
    """The words of one kind of message on one channel, in Django template syntax, edited in admin.

    One row per kind and channel: the company's own wording. Migrations seed sensible defaults.
    """

    kind = models.CharField(max_length=20, choices=MessageKind.choices)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    subject = models.CharField(max_length=200, blank=True, help_text="Email subject (template syntax allowed).")
    body = models.TextField(help_text="Django template syntax, for example {{ customer.name }}.")
    active = models.BooleanField(default=True, help_text="Untick to fall back to the built-in wording.")

    class Meta:
        ordering = ["kind", "channel"]
        constraints = [models.UniqueConstraint(fields=["kind", "channel"], name="message_template_one_per_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.get_channel_display()}"

    def clean(self) -> None:
        engine = Engine.get_default()
        for field in ("subject", "body"):
            try:
                engine.from_string(getattr(self, field)).render(Context({}))
            except TemplateSyntaxError as error:
                raise ValidationError({field: f"Template error: {error}"}) from error
        if self.channel == Channel.EMAIL and not self.subject.strip():
            raise ValidationError({"subject": "An email needs a subject."})


class CrewPage(TimeStampedModel):
    """One crew member's evening page for one day: sent, acknowledged with one tap, or escalated."""

    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="pages")
    crew = models.ForeignKey(Crew, on_delete=models.PROTECT, null=True, blank=True, related_name="pages")
    for_date = models.DateField()
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_via = models.CharField(max_length=10, choices=AcknowledgedVia.choices, blank=True)
    # Set when the office records an acknowledgement given by phone; a tap on the link is the member's own.
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    escalated_at = models.DateTimeField(null=True, blank=True)
    # How many times the office sent the page again by hand: each click's messages have their own key.
    resends = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["for_date", "crew__name", "id"]
        constraints = [models.UniqueConstraint(fields=["employee", "for_date"], name="crew_page_one_per_day")]
        indexes = [models.Index(fields=["for_date", "acknowledged_at"])]

    def __str__(self) -> str:
        return f"Page {self.for_date} → {self.employee}"


class VisitChange(models.Model):
    """One change to a visit (moved, re-crewed, called off, booked) that the office must tell people about.

    `change_key` names the change in scheduling (its status change or history row): a task delivered
    twice finds the row and sends nothing more, a later change is a new row and sends again.
    """

    visit = models.ForeignKey(Visit, on_delete=models.PROTECT, related_name="changes")
    change_key = models.CharField(max_length=100, unique=True)
    kind = models.CharField(max_length=10, choices=VisitChangeKind.choices)
    changed_at = models.DateTimeField()
    old_starts_at = models.DateTimeField(null=True, blank=True)
    old_crew = models.ForeignKey(Crew, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    old_technician = models.ForeignKey(Employee, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    customer_told = models.BooleanField(default=False, help_text="The customer had been told the old day.")
    pages_updated = models.PositiveSmallIntegerField(default=0, help_text="Crew pages sent again with the new day.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.visit_id}: {self.get_kind_display()} ({self.change_key})"


class Message(TimeStampedModel):
    """Every message the office sends, one row per recipient and channel, from queued to sent or failed.

    `idempotency_key` (kind, visit, date, recipient, channel) is unique: a sweep run twice or a task
    delivered twice finds the row already there and never sends again.
    """

    kind = models.CharField(max_length=20, choices=MessageKind.choices)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    status = models.CharField(max_length=10, choices=MessageStatus.choices, default=MessageStatus.PENDING)
    idempotency_key = models.CharField(max_length=200)
    for_date = models.DateField(help_text="The day the message is about.")

    # Few indexes: every send updates its row twice, and each index is written on each update.
    job = models.ForeignKey(
        Job, on_delete=models.PROTECT, null=True, blank=True, related_name="messages", db_index=False
    )  # the (job, created_at) index serves it
    visit = models.ForeignKey(Visit, on_delete=models.PROTECT, null=True, blank=True, related_name="messages")
    crew_page = models.ForeignKey(CrewPage, on_delete=models.PROTECT, null=True, blank=True, related_name="messages")
    change = models.ForeignKey(
        VisitChange, on_delete=models.PROTECT, null=True, blank=True, related_name="messages", db_index=False
    )  # read from the change's side only while its task runs; the (kind, for_date) index serves the lists

    recipient_name = models.CharField(max_length=200)
    recipient_address = models.CharField(max_length=254, blank=True, help_text="Phone number or email address.")
    recipient_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", db_index=False
    )

    template = models.ForeignKey(
        MessageTemplate, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", db_index=False
    )
    subject = models.CharField(max_length=300, blank=True)
    body = models.TextField(blank=True)
    # Facts known only when the message was queued (who pressed "on my way"), for its template.
    context = models.JSONField(default=dict, blank=True)

    attempts = models.PositiveSmallIntegerField(default=0)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    # When a send task was last handed to the broker (or its retry is due): the relay queues a pending
    # message again when this is empty or older than the lease.
    enqueued_at = models.DateTimeField(null=True, blank=True)
    # Set, committed, just before this attempt calls the provider: a dead worker's message without it
    # never left and is sent again; with it, it may have left and is never sent twice.
    handed_over_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    provider_id = models.CharField(max_length=120, blank=True)
    skip_reason = models.CharField(max_length=20, choices=SkipReason.choices, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["kind", "for_date", "status"]),
            models.Index(fields=["job", "created_at"]),
            # The relay's one look: the few rows still in hand, whatever the size of the log.
            models.Index(
                fields=["status", "enqueued_at"],
                name="message_in_hand",
                condition=models.Q(status__in=[MessageStatus.PENDING, MessageStatus.SENDING]),
            ),
        ]
        constraints = [
            models.UniqueConstraint(fields=["idempotency_key"], name="message_idempotency_key_unique"),
            models.CheckConstraint(
                condition=~models.Q(status=MessageStatus.SKIPPED) | ~models.Q(skip_reason=""),
                name="message_skipped_has_reason",
            ),
        ]
        permissions = [
            ("view_worklists", "Can work the confirmation and page-out worklists"),
            ("log_confirmation_call", "Can log a call to confirm a visit"),
            ("resend_message", "Can send a failed message again"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.get_channel_display()} → {self.recipient_name} ({self.status})"

    @property
    def problem(self) -> str:
        """Why it did not go out, in words an office person understands."""
        if self.status == MessageStatus.SKIPPED:
            return self.get_skip_reason_display()
        if self.status == MessageStatus.FAILED:
            return self.error
        return ""


class OwedTask(models.Model):
    """Work a scheduling event owes (on my way, a visit's change, a late booking's catch-up), kept until
    it ran.

    Scheduling's events arrive after its commit; the receiver writes this row, then queues a task with
    its id. When the broker is down the row stays, and the relay (`messages_relay`) queues it again;
    the task deletes it once the work is done. The work itself is idempotent (message keys, change
    keys), so running it twice is harmless; the row only makes sure it runs at least once.
    """

    task = models.CharField(max_length=200, help_text="The Celery task's name.")
    args = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    enqueued_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0, help_text="Times it was handed to the broker.")

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.task}{tuple(self.args)}"


class ConfirmationEvent(models.Model):
    """A customer's online answer or an office call about tomorrow's visit. Never edited, only added."""

    visit = models.ForeignKey(Visit, on_delete=models.PROTECT, related_name="confirmation_events")
    source = models.CharField(max_length=20, choices=ConfirmationSource.choices)
    outcome = models.CharField(max_length=24, choices=ConfirmationOutcome.choices)
    note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["recorded_at", "id"]
        indexes = [models.Index(fields=["visit", "recorded_at"])]

    def __str__(self) -> str:
        return f"{self.visit_id}: {self.get_outcome_display()} ({self.get_source_display()})"
