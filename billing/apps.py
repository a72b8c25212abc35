from django.apps import AppConfig


class BillingConfig(AppConfig):
    name = "billing"

    def ready(self) -> None:
        from jobs.choices import JobStatus
        from jobs.lifecycle import register_status_condition
        from jobs.panels import register_job_panel

        from .lifecycle import balance_still_owed, invoice_not_posted
        from .receivers import connect_receivers

        # Invoiced is a claim about billing's facts: the job has a posted invoice.
        register_status_condition(JobStatus.INVOICED, "invoice_posted", invoice_not_posted)
        # Closed: every posted invoice paid (scheduling adds: every visit closed out).
        register_status_condition(JobStatus.CLOSED, "balance_paid", balance_still_owed)
        # A job paid before its last visit's close-out closes at the close-out.
        connect_receivers()
        # The job page's invoices and change orders (money: only those with the billing permission).
        register_job_panel(
            "invoices",
            url_name="billing:job_invoice_panel",
            permission="billing.view_invoice",
            column="side",
            order=50,
            loading="Loading invoices…",
        )
        register_job_panel(
            "payments",
            url_name="billing:job_payments",
            permission="billing.view_payment",
            column="side",
            order=60,
            loading="Loading payments…",
        )
        register_job_panel(
            "funding",
            url_name="billing:job_funding",
            permission="billing.view_financefunding",
            column="side",
            order=65,
            loading="Loading the funding…",
        )
