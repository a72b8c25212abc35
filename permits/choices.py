from django.db import models


class JurisdictionKind(models.TextChoices):
    CITY = "city", "City"
    COUNTY = "county", "County"


class InspectionBookingMethod(models.TextChoices):
    """How a jurisdiction takes inspection requests."""

    PORTAL = "portal", "Online portal"
    PHONE = "phone", "Phone"
    EMAIL = "email", "Email"


class PermitStatus(models.TextChoices):
    TO_APPLY = "to_apply", "To apply"
    APPLIED = "applied", "Applied"
    ISSUED = "issued", "Issued"
    FINALED = "finaled", "Finaled"
    REJECTED = "rejected", "Rejected"
    EXPIRED = "expired", "Expired"


# A permit in one of these has been issued: it carries its number.
NUMBERED_PERMIT_STATUSES = [PermitStatus.ISSUED, PermitStatus.FINALED]
# A permit in one of these is finished with: the job may need a new application.
DEAD_PERMIT_STATUSES = [PermitStatus.REJECTED, PermitStatus.EXPIRED]
# At most one permit per job is alive (to apply, applied, issued or finaled).
LIVE_PERMIT_STATUSES = [PermitStatus.TO_APPLY, PermitStatus.APPLIED, PermitStatus.ISSUED, PermitStatus.FINALED]


class InspectionKind(models.TextChoices):
    ROUGH = "rough", "Rough inspection"
    FINAL = "final", "Final inspection"
    OTHER = "other", "Other inspection"


class InspectionStatus(models.TextChoices):
    TO_BOOK = "to_book", "To book"
    SCHEDULED = "scheduled", "Scheduled"
    PASSED = "passed", "Passed"
    FAILED = "failed", "Failed, corrections"
    CANCELLED = "cancelled", "Cancelled"
    NO_ACCESS = "no_access", "No access"


# An inspection waiting for the office (to book) or the inspector (scheduled).
OPEN_INSPECTION_STATUSES = [InspectionStatus.TO_BOOK, InspectionStatus.SCHEDULED]
# Results an inspector gives on the day.
INSPECTION_RESULTS = [
    InspectionStatus.PASSED,
    InspectionStatus.FAILED,
    InspectionStatus.CANCELLED,
    InspectionStatus.NO_ACCESS,
]


class InspectionRequestedVia(models.TextChoices):
    OFFICE = "office", "The office"
    CREW_PHONE = "crew_phone", "The crew's phone"
    CUSTOMER_CALL = "customer_call", "The customer called"


class HersTestKind(models.TextChoices):
    DUCT_LEAKAGE = "duct_leakage", "Duct leakage"
    REFRIGERANT_CHARGE = "refrigerant_charge", "Refrigerant charge"
    AIRFLOW = "airflow", "Airflow"
    FAN_EFFICACY = "fan_efficacy", "Fan efficacy"
    OTHER = "other", "Other"


class HersStatus(models.TextChoices):
    TO_BOOK = "to_book", "To book"
    SCHEDULED = "scheduled", "Scheduled"
    PASSED = "passed", "Passed"
    FAILED = "failed", "Failed"
    CANCELLED = "cancelled", "Cancelled"


OPEN_HERS_STATUSES = [HersStatus.TO_BOOK, HersStatus.SCHEDULED]


class HersTestResult(models.TextChoices):
    PENDING = "pending", "Not tested yet"
    PASSED = "passed", "Passed"
    FAILED = "failed", "Failed"


class Title24FormKind(models.TextChoices):
    CF1R = "cf1r", "CF1R (certificate of compliance)"
    CF2R = "cf2r", "CF2R (installation, by the installer)"
    CF3R = "cf3r", "CF3R (verification, by the HERS rater)"


class HersRegistry(models.TextChoices):
    CALCERTS = "calcerts", "CalCERTS"
    CHEERS = "cheers", "CHEERS"


class Title24Trigger(models.TextChoices):
    """Why a job falls under Title 24's HVAC alteration rules."""

    NONE = "none", "Not triggered"
    CHANGE_OUT = "change_out", "Equipment change-out"
    DUCTS_ALTERED = "ducts_altered", "Ducts altered beyond the threshold"
    BOTH = "both", "Change-out and ducts altered"


class PacketStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RENDERING = "rendering", "Rendering"
    DONE = "done", "Ready to print"
    FAILED = "failed", "Failed"


class FollowUpKind(models.TextChoices):
    """The kinds of line on the install administrator's follow-up list, in the order a job goes through them."""

    TO_APPLY = "to_apply", "Permit to apply for"
    NOT_ISSUED = "not_issued", "Applied, not issued yet"
    NO_INSPECTION = "no_inspection", "Installed, no inspection requested"
    INSPECTION_TO_BOOK = "inspection_to_book", "Inspection requested, not booked"
    INSPECTION_OVERDUE = "inspection_overdue", "Inspection past its date, no result"
    INSPECTION_FAILED = "inspection_failed", "Failed inspection, not rebooked"
    NO_ACCESS = "no_access", "No access at the inspection, not reconfirmed"
    HERS_FAILED = "hers_failed", "Failed HERS test, not rebooked"
    TITLE24_MISSING = "title24_missing", "Title 24 forms missing"
    EXPIRING = "expiring", "Permit near expiry"
