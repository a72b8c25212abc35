from django.db import models


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
