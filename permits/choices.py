from django.db import models


class PermitStatus(models.TextChoices):
    NOT_APPLIED = "not_applied", "Not applied"
    APPLIED = "applied", "Applied"
    ISSUED = "issued", "Issued"
    FINALED = "finaled", "Finaled"
    VOID = "void", "Void"
