from django.db import models


class FolderAudience(models.TextChoices):
    FIELD = "field", "Field folder"
    OFFICE = "office", "Office folder"


class RenderStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RENDERING = "rendering", "Rendering"
    DONE = "done", "Ready"
    FAILED = "failed", "Failed"
