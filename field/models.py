from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from installops.models import TimeStampedModel
from jobs.models import Job
from scheduling.models import Visit

from .choices import FolderAudience, RenderStatus


def render_storage_name(instance, filename: str) -> str:
    return f"jobs/{instance.job_id}/folders/{instance.audience}-{instance.fingerprint[:16]}.pdf"


class JobFolderRender(TimeStampedModel):
    """One PDF of a job's folder, for one version of the job's content.

    The fingerprint is a hash of everything the PDF shows: asking again for an unchanged job hands
    back the same PDF instead of rendering it again.
    """

    job = models.ForeignKey(Job, on_delete=models.PROTECT, related_name="folder_renders")
    audience = models.CharField(max_length=10, choices=FolderAudience.choices, default=FolderAudience.FIELD)
    fingerprint = models.CharField(max_length=64)
    status = models.CharField(max_length=12, choices=RenderStatus.choices, default=RenderStatus.QUEUED)
    error = models.TextField(blank=True)
    file = models.FileField(upload_to=render_storage_name, max_length=300, blank=True)
    page_count = models.PositiveIntegerField(null=True, blank=True)
    size = models.PositiveIntegerField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    # When its render task was last handed to the broker: the relay queues a "queued" render again when
    # this is empty (the broker was down) or older than the lease (the task was lost).
    enqueued_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        indexes = [models.Index(fields=["job", "audience", "status", "finished_at"])]
        constraints = [
            models.UniqueConstraint(fields=["job", "audience", "fingerprint"], name="folder_render_once_per_version"),
            models.CheckConstraint(
                condition=~Q(status=RenderStatus.DONE) | ~Q(file=""), name="folder_render_done_has_file"
            ),
        ]
        permissions = [("print_job_folder", "Can print a job folder")]

    def __str__(self) -> str:
        return f"{self.job.number} {self.get_audience_display().lower()} ({self.get_status_display().lower()})"


class FieldAction(models.Model):
    """A status tap sent from a phone, kept by the id the phone gave it.

    A phone that lost signal sends its queue again; the same id arriving twice is answered from here
    instead of being applied twice.
    """

    client_uuid = models.UUIDField(unique=True)
    visit = models.ForeignKey(Visit, on_delete=models.PROTECT, related_name="field_actions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    to_status = models.CharField(max_length=20)
    tapped_at = models.DateTimeField(help_text="When it was tapped on the phone.")
    received_at = models.DateTimeField(default=timezone.now)
    applied = models.BooleanField(default=False)
    outcome = models.TextField(blank=True, help_text="Why it was not applied, when it was not.")

    class Meta:
        ordering = ["received_at", "id"]

    def __str__(self) -> str:
        return f"{self.visit_id} → {self.to_status} ({'applied' if self.applied else 'refused'})"


class FieldNote(TimeStampedModel):
    """A note from the crew to the office, written on a visit."""

    visit = models.ForeignKey(Visit, on_delete=models.PROTECT, related_name="field_notes")
    job = models.ForeignKey(Job, on_delete=models.PROTECT, related_name="field_notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField()
    written_at = models.DateTimeField(help_text="When it was written on the phone.")
    client_uuid = models.UUIDField(unique=True)

    class Meta:
        ordering = ["written_at", "id"]

    def __str__(self) -> str:
        return f"{self.job.number}: {self.text[:40]}"
