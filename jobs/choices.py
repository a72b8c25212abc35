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


class DocumentCategory(models.TextChoices):
    CONTRACT = "contract", "Contract"
    CONFIRMATION_SHEET = "confirmation_sheet", "Confirmation sheet"
    PICTURES = "pictures", "Pictures"
    WORK_ORDER = "work_order", "Work order"
    FINANCE = "finance", "Finance paperwork"
    REBATE = "rebate", "Rebate forms"
    PERMIT = "permit", "Permit"
    TITLE24 = "title24", "Title 24 forms"
    COMPLETION = "completion", "Completion certificate"
    OTHER = "other", "Other"


# Paperwork that carries prices or the customer's credit stays in the office folder; field staff never
# see it (not on the job page, the phone, the folder PDF, nor as a download). The signed contract
# states the price; finance paperwork is the loan and its amount; rebate forms are filled from the
# invoice (price paid, rebate amount), and what the crew contributes to them (serials, nameplate
# photos) goes in through the equipment form. Permits, Title 24, work orders, confirmation sheets and
# completion certificates carry no prices. Any other file can still be marked office only on upload.
OFFICE_ONLY_CATEGORIES = {DocumentCategory.CONTRACT, DocumentCategory.FINANCE, DocumentCategory.REBATE}


class DocumentKind(models.TextChoices):
    """What the stored file is, decided by reading its bytes (never by its name)."""

    PDF = "pdf", "PDF"
    PHOTO = "photo", "Photo"


class EquipmentKind(models.TextChoices):
    CONDENSER = "condenser", "Condenser (AC)"
    HEAT_PUMP = "heat_pump", "Heat pump"
    FURNACE = "furnace", "Furnace"
    AIR_HANDLER = "air_handler", "Air handler"
    COIL = "coil", "Evaporator coil"
    PACKAGE_UNIT = "package_unit", "Package unit"
    MINI_SPLIT_OUTDOOR = "mini_split_outdoor", "Mini-split outdoor unit"
    MINI_SPLIT_HEAD = "mini_split_head", "Mini-split head"
    THERMOSTAT = "thermostat", "Thermostat"
    WATER_HEATER = "water_heater", "Water heater"
    OTHER = "other", "Other"


class PaperworkCondition(models.TextChoices):
    ALWAYS = "always", "Every job of this kind"
    TITLE24 = "title24", "Title 24 jobs"
    FINANCED = "financed", "Financed jobs"
    HOME_PERFORMANCE = "home_performance", "Home Performance jobs"
