from django.db import models


class JobKind(models.TextChoices):
    INSTALL = "install", "Install"
    WARRANTY = "warranty", "Warranty"
    CORRECTION = "correction", "Correction"
    FOLLOW_UP = "follow_up", "Follow-up"
    FAILED_HERS = "failed_hers", "Failed HERS"
    PARTS_RETURN = "parts_return", "Parts return"
    FINAL_INSPECTION = "final_inspection", "Final inspection"
    MAINTENANCE = "maintenance", "Maintenance"


# Service calls that go back to fix an earlier install: counted against that install's crew.
CALLBACK_KINDS = {JobKind.WARRANTY, JobKind.CORRECTION, JobKind.FAILED_HERS}


class JobStatus(models.TextChoices):
    SOLD = "sold", "Sold"
    SCHEDULED = "scheduled", "Scheduled"
    PERMITTED = "permitted", "Permitted"
    READY = "ready", "Ready"
    INSTALLED = "installed", "Installed"
    INSPECTED = "inspected", "Inspected"
    INVOICED = "invoiced", "Invoiced"
    CLOSED = "closed", "Closed"
    ON_HOLD = "on_hold", "On hold"
    CANCELLED = "cancelled", "Cancelled"


# Statuses a job is still being worked in (shown by default on lists and boards).
OPEN_STATUSES = [
    JobStatus.SOLD,
    JobStatus.SCHEDULED,
    JobStatus.PERMITTED,
    JobStatus.READY,
    JobStatus.INSTALLED,
    JobStatus.INSPECTED,
    JobStatus.INVOICED,
    JobStatus.ON_HOLD,
]


class LeadSource(models.TextChoices):
    REFERRAL = "referral", "Customer referral"
    REPEAT = "repeat", "Repeat customer"
    WEBSITE = "website", "Website"
    PHONE = "phone", "Phone-in"
    SERVICE_TECH = "service_tech", "Service tech lead"
    HOME_SHOW = "home_show", "Home show"
    UTILITY = "utility", "Utility program"
    MAILER = "mailer", "Mailer"
    OTHER = "other", "Other"
