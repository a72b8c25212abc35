from django.utils.functional import SimpleLazyObject


def navigation(request):
    """Which top-level sections the signed-in user may open (the layout's menu shows only those).

    Worked out only when a template reads it: an htmx fragment has no menu and pays no query for it.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": {}}
    return {"nav": SimpleLazyObject(lambda: _sections(user))}


def _sections(user) -> dict[str, bool]:
    return {
        "jobs": user.has_perm("jobs.view_job"),
        "new_job": user.has_perm("jobs.add_job"),
        "customers": user.has_perm("jobs.view_customer"),
        "confirmations": user.has_perm("notifications.view_worklists"),
        "board": user.has_perm("scheduling.view_board"),
        "unscheduled": user.has_perm("scheduling.view_board"),
        "time_off": user.has_perm("scheduling.add_timeoff"),
        "admin": user.is_staff,
        "system_status": user.has_perm("installops.view_system_status"),
        "my_day": user.has_perm("scheduling.view_visit") and not user.has_perm("jobs.view_all_jobs"),
        "jurisdictions": user.has_perm("permits.view_jurisdiction"),
        "print_jobs": user.has_perm("installops.view_printjob"),
        "packet_queue": user.has_perm("permits.view_permitpacket"),
        "follow_up": user.has_perm("permits.view_permit_follow_up"),
        "invoices": user.has_perm("billing.view_invoice"),
        "invoices_to_mail": user.has_perm("billing.send_invoice"),
        "payments": user.has_perm("billing.view_payment"),
        "record_payment": user.has_perm("billing.add_payment"),
        "fundings": user.has_perm("billing.view_financefunding") and user.has_perm("billing.view_payment"),
        "billing": user.has_perm("billing.view_invoice")
        or user.has_perm("billing.view_payment")
        or user.has_perm("billing.view_receivables")
        or user.has_perm("billing.view_rebate")
        or user.has_perm("billing.view_warrantyregistration")
        or user.has_perm("billing.view_maintenanceagreement"),
        "rebates": user.has_perm("billing.view_rebate"),
        "warranties": user.has_perm("billing.view_warrantyregistration"),
        "agreements": user.has_perm("billing.view_maintenanceagreement"),
        "receivables": user.has_perm("billing.view_receivables"),
        "collections": user.has_perm("billing.view_receivables") and user.has_perm("billing.view_collectionnote"),
        "accounting_export": user.has_perm("billing.export_accounting"),
    }
