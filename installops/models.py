from django.conf import settings
from django.db import models
from django.utils import timezone

from .choices import PrintJobStatus


class TimeStampedModel(models.Model):
    """Every business record says when it was made and last changed."""

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class DailyTaskRun(models.Model):
    """One daily beat task on one company day: queued by the catch-up, and when it finished.

    `task` is the Celery task's name (as in settings.BEAT_DAILY_TASKS). A row with `finished_at` says the
    day's sweep ran; the catch-up (installops/daily_runs.py) queues the ones beat could not publish.
    """

    task = models.CharField(max_length=200)
    day = models.DateField()
    queued_at = models.DateTimeField(null=True, blank=True, help_text="When the catch-up last queued it.")
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    result = models.CharField(max_length=200, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["task", "day"], name="daily_task_run_once_a_day")]
        ordering = ["-day", "task"]

    def __str__(self) -> str:
        return f"{self.task} on {self.day}"


class PrintJob(TimeStampedModel):
    """One PDF sent to the office's printer (installops.printing): a row first, printed by a task.

    The app that prints passes the stored file's name and a label saying what it is ("Permit packet
    B-1234"); installops knows nothing else about it. The row is the outbox: the relay queues again a
    job the broker never got, takes back one whose worker died before handing it to the printer, and
    fails it visibly after three tries.
    """

    label = models.CharField(max_length=200)
    file_name = models.CharField(max_length=300, help_text="The stored file (default storage) to print.")
    status = models.CharField(max_length=10, choices=PrintJobStatus.choices, default=PrintJobStatus.QUEUED)
    error = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    # When its task was last handed to the broker (empty: the broker was down, the relay queues it).
    enqueued_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    # Stamped (committed) just before the backend is called: a worker that died after it may have
    # printed, so the relay fails the job with that reason instead of printing it twice.
    handed_to_printer_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # What the backend said: the spool file, lp's request id.
    reference = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        indexes = [models.Index(fields=["status", "enqueued_at"]), models.Index(fields=["-requested_at", "-id"])]

    def __str__(self) -> str:
        return f"{self.label} ({self.get_status_display().lower()})"
