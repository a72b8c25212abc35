"""The office's roles as Django groups, and the model permissions each one holds.

The groups are written after every `migrate` (a post_migrate receiver, the way Django creates its
permissions), so a permission added here reaches every database at the next migrate; no migration
calls this code. Every permission granted here
is checked by some page (`installops.access`, a rule, a template's `perms`): a test fails otherwise.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import DEFAULT_DB_ALIAS

ROLE_PERMISSIONS: dict[str, list[str]] = {
    "coordinator": [
        "jobs.view_job",
        "jobs.view_all_jobs",
        "jobs.add_job",
        "jobs.change_job",
        "jobs.change_job_status",
        "jobs.view_job_prices",
        "jobs.move_job_operations",
        "jobs.override_job_status",
        "jobs.view_customer",
        "jobs.add_customer",
        "jobs.view_site",
        "jobs.add_site",
        "scheduling.view_visit",
        "scheduling.add_visit",
        "scheduling.change_visit",
        "scheduling.dispatch_visit",
        "scheduling.close_out_visit",
        "scheduling.view_board",
        "scheduling.view_timeoff",
        "scheduling.add_timeoff",
        "scheduling.view_visitstatuschange",
        "notifications.view_message",
        "notifications.view_worklists",
        "notifications.log_confirmation_call",
        "notifications.resend_message",
        "jobs.view_document",
        "jobs.add_document",
        "jobs.delete_document",
        "jobs.view_office_folder",
        "jobs.view_installedequipment",
        "jobs.add_installedequipment",
        "jobs.view_completionsignoff",
        "jobs.add_completionsignoff",
        "field.print_job_folder",
        "field.view_fieldnote",
        "field.add_fieldnote",
        "scheduling.view_subcontractor",
        "scheduling.view_subcontractorbooking",
        "scheduling.add_subcontractorbooking",
        "scheduling.view_timecard",
        "scheduling.add_timecard",
        "scheduling.change_timecard",
        "permits.view_permit",
        "permits.add_permit",
        "permits.change_permit",
        "permits.view_permit_fee",
        "permits.override_permit_gate",
        "permits.add_permitexemption",
        "permits.delete_permitexemption",
        "permits.change_sitejurisdiction",
        "permits.view_jurisdiction",
        "permits.add_jurisdiction",
        "permits.change_jurisdiction",
        "permits.view_inspection",
        "permits.add_inspection",
        "permits.change_inspection",
        "permits.view_title24scope",
        "permits.change_title24scope",
        "permits.add_title24form",
        "permits.change_title24form",
        "permits.change_hersverification",
        "permits.view_permitpacket",
        "permits.add_permitpacket",
        "permits.change_permitpacket",
        "installops.view_printjob",
        "installops.add_printjob",
        "permits.view_permit_follow_up",
        # Invoices read-only: what was billed, when the customer asks.
        "billing.view_invoice",
        # Where a job's loan stands (the completion certificate the customer signs), read-only.
        "billing.view_financefunding",
        # Rebates and maintenance agreements read-only; they record warranty registrations.
        "billing.view_rebate",
        "billing.view_maintenanceagreement",
        "billing.view_warrantyregistration",
        "billing.add_warrantyregistration",
    ],
    # Accounting invoices from the contract, the hours worked (timecards) and the serials installed.
    "accounting": [
        "jobs.view_job",
        "jobs.view_all_jobs",
        "jobs.change_job_status",
        "jobs.view_job_prices",
        "jobs.move_job_billing",
        "jobs.view_customer",
        "jobs.view_site",
        "scheduling.view_visit",
        "scheduling.view_board",
        "scheduling.view_visitstatuschange",
        "notifications.view_message",
        "jobs.view_document",
        "jobs.add_document",
        "jobs.view_office_folder",
        "jobs.view_installedequipment",
        "jobs.view_completionsignoff",
        "field.print_job_folder",
        "field.view_fieldnote",
        "scheduling.view_subcontractorbooking",
        "scheduling.view_timecard",
        "permits.view_permit",
        "permits.view_permit_fee",
        # The departments whose permit fees they pay and reconcile.
        "permits.view_jurisdiction",
        "permits.view_inspection",
        "permits.view_title24scope",
        "permits.view_permitpacket",
        "installops.view_printjob",
        "installops.add_printjob",
        # Invoices and credit notes: draft, edit, post, send; change orders.
        "billing.view_invoice",
        "billing.add_invoice",
        "billing.change_invoice",
        "billing.post_invoice",
        "billing.send_invoice",
        "billing.add_changeorder",
        "billing.change_changeorder",
        # Receivables: payments, refunds, credit, voids, the bank's reconciliation and the finance
        # companies' fundings.
        "billing.view_payment",
        "billing.add_payment",
        "billing.change_payment",
        "billing.void_payment",
        "billing.view_financefunding",
        "billing.add_financefunding",
        "billing.change_financefunding",
        # Rebates, warranty registrations and maintenance agreements.
        "billing.view_rebate",
        "billing.add_rebate",
        "billing.change_rebate",
        "billing.view_warrantyregistration",
        "billing.add_warrantyregistration",
        "billing.view_maintenanceagreement",
        "billing.add_maintenanceagreement",
        "billing.change_maintenanceagreement",
        # Receivables: customers' accounts and statements, aging, collections, the accounting export.
        "billing.view_receivables",
        "billing.view_collectionnote",
        "billing.add_collectionnote",
        "billing.export_accounting",
    ],
    # Field staff: only the jobs they are booked on (the rule is in jobs.visibility). No prices
    # (no jobs.view_job_prices) and the field folder only (no contracts, finance or rebate forms); they
    # add photos, equipment, sign-offs and inspection requests, and see their jobs' notes, inspections
    # (dates and results), subcontractors and dispatch history.
    "installer": [
        "jobs.view_job",
        "scheduling.view_visit",
        "scheduling.view_visitstatuschange",
        "scheduling.dispatch_visit",
        "scheduling.view_subcontractorbooking",
        "jobs.view_document",
        "jobs.add_document",
        "jobs.view_installedequipment",
        "jobs.add_installedequipment",
        "jobs.view_completionsignoff",
        "jobs.add_completionsignoff",
        "field.view_fieldnote",
        "field.add_fieldnote",
        "notifications.view_message",
        "permits.view_permit",
        "permits.view_inspection",
        "permits.add_inspection",
        # Their job's Title 24 status, and the CF2R, their own certificate of installation.
        "permits.view_title24scope",
        "permits.add_title24form",
    ],
    # Sales: the jobs they sold, with their prices and (read-only, on the job page) their visits' dates,
    # permit, inspections and Title 24 status.
    "salesperson": [
        "jobs.view_job",
        "jobs.view_job_prices",
        "jobs.view_document",
        "notifications.view_message",
        "permits.view_permit",
        "permits.view_inspection",
        "permits.view_title24scope",
        # Their own jobs' invoices, read-only (the jobs they may see).
        "billing.view_invoice",
        # Where their customers' loans stand, read-only (no dealer fees, no payments).
        "billing.view_financefunding",
    ],
}

# Which group each employee role belongs to.
ROLE_GROUP = {
    "coordinator": "coordinator",
    # Permits, inspections, confirmations and page-outs: the coordinator's desk, the same permissions.
    "install_admin": "coordinator",
    "accounting": "accounting",
    "installer": "installer",
    "lead_installer": "installer",
    "tech": "installer",
    "salesperson": "salesperson",
}


def sync_role_groups(apps=global_apps, *, using: str = DEFAULT_DB_ALIAS) -> None:
    """Create each role's group and give it exactly its permissions.

    `apps` is the registry to read Group and Permission from: the live one, or the migration
    state's that post_migrate passes.
    """
    # Django creates each app's permissions after that app's post_migrate; the groups need every app's now.
    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using, apps=apps)

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, perm_names in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.using(using).get_or_create(name=group_name)
        permissions = []
        for perm_name in perm_names:
            app_label, codename = perm_name.split(".")
            permission = (
                Permission.objects.using(using).filter(content_type__app_label=app_label, codename=codename).first()
            )
            if permission is not None:
                permissions.append(permission)
        group.permissions.set(permissions)


def role_groups_sync_after_migrate(sender, *, apps=global_apps, using: str = DEFAULT_DB_ALIAS, **kwargs) -> None:
    sync_role_groups(apps, using=using)
