from django.db import models


class FolderAudience(models.TextChoices):
    FIELD = "field", "Field folder"
    OFFICE = "office", "Office folder"


class RenderStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RENDERING = "rendering", "Rendering"
    DONE = "done", "Ready"
    FAILED = "failed", "Failed"


class InspectionKind(models.TextChoices):
    ROUGH = "rough", "Rough inspection"
    FINAL = "final", "Final inspection"
    HERS = "hers", "HERS verification"
    OTHER = "other", "Other inspection"


class InspectionRequestStatus(models.TextChoices):
    OPEN = "open", "Open"
    HANDLED = "handled", "Handled"
