from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from installops.models import TimeStampedModel

from .choices import EmployeeRole


class Employee(TimeStampedModel):
    """A member of staff: their sign-in, their role (which decides their group) and their phone."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="employee")
    role = models.CharField(max_length=20, choices=EmployeeRole.choices)
    phone = models.CharField(max_length=32, blank=True)
    active = models.BooleanField(default=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["user__first_name", "user__last_name", "id"]

    def __str__(self) -> str:
        return self.user.get_full_name() or self.user.get_username()
