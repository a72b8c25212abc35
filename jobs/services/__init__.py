"""Every write to customers, sites and jobs goes through here. One module per concern:

lifecycle   a job's status moves: what the facts need, who may make them, each one recorded
sales       customers, addresses and jobs entered and edited
documents   the job folder's files
equipment   what was installed
signoffs    the customer's signature and the completion certificate
"""

from .documents import document_add_generated_pdf, document_remove, document_upload
from .equipment import installed_equipment_record
from .lifecycle import (
    PIPELINE,
    StatusMove,
    job_allowed_next_statuses,
    job_change_status,
    job_follow_facts,
    job_may_override_status,
    job_resume_status,
    job_status_moves,
)
from .sales import EDITABLE_JOB_FIELDS, customer_create, job_create, job_create_sale, job_update, site_create
from .signoffs import completion_signoff_record

__all__ = [
    "EDITABLE_JOB_FIELDS",
    "PIPELINE",
    "StatusMove",
    "completion_signoff_record",
    "customer_create",
    "document_add_generated_pdf",
    "document_remove",
    "document_upload",
    "installed_equipment_record",
    "job_allowed_next_statuses",
    "job_change_status",
    "job_create",
    "job_create_sale",
    "job_follow_facts",
    "job_may_override_status",
    "job_resume_status",
    "job_status_moves",
    "job_update",
    "site_create",
]
