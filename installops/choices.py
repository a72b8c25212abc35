from django.db import models


class PrintJobStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    PRINTING = "printing", "Printing"
    PRINTED = "printed", "Printed"
    FAILED = "failed", "Failed"


# A print job still on its way to the printer.
OPEN_PRINT_JOB_STATUSES = [PrintJobStatus.QUEUED, PrintJobStatus.PRINTING]
