from django.apps import AppConfig


class BillingConfig(AppConfig):
    name = "billing"

    def ready(self) -> None:
        from jobs.choices import JobStatus
        from jobs.lifecycle import register_status_condition
        from jobs.panels import register_job_panel

        from .lifecycle import invoice_not_posted

        # Invoiced is a claim about billing's facts: the job has a posted invoice.
        register_status_condition(JobStatus.INVOICED, "invoice_posted", invoice_not_posted)
        # The job page's invoices and change orders (money: only those with the billing permission).
        register_job_panel(
            "invoices",
            url_name="billing:job_invoice_panel",
            permission="billing.view_invoice",
            column="side",
            order=50,
            loading="Loading invoices…",
        )
