from django.db import models


class PermitStatus(models.TextChoices):
    NOT_APPLIED = "not_applied", "Not applied"
    APPLIED = "applied", "Applied"
    ISSUED = "issued", "Issued"
    FINALED = "finaled", "Finaled"
    VOID = "void", "Void"


# A permit in one of these has been issued: it carries its number.
NUMBERED_PERMIT_STATUSES = [PermitStatus.ISSUED, PermitStatus.FINALED]
