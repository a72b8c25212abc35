from django.apps import AppConfig


class BillingConfig(AppConfig):
    name = "billing"

    def ready(self) -> None:
        from jobs.choices import JobStatus
        from jobs.customer_links import register_customer_link
        from jobs.facts import register_job_fact
        from jobs.lifecycle import register_status_condition
        from jobs.panels import register_job_panel

        from .lifecycle import balance_still_owed, invoice_not_posted
        from .receivers import connect_receivers
        from .selectors.agreements import club_fact_annotations, club_fact_text

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
        # Rebates: the job's claims, their missing papers and the programs its equipment qualifies for.
        register_job_panel(
            "rebates",
            url_name="billing:job_rebates",
            permission="billing.view_rebate",
            order=60,
            loading="Loading rebates…",
        )
        # Each installed unit's manufacturer warranty registration.
        register_job_panel(
            "warranties",
            url_name="billing:job_warranties",
            permission="billing.view_warrantyregistration",
            order=65,
            loading="Loading warranty registrations…",
        )
        # The customer's maintenance agreement, and entering one from the job.
        register_job_panel(
            "agreements",
            url_name="billing:job_agreements",
            permission="billing.view_maintenanceagreement",
            column="side",
            order=60,
            loading="Loading the maintenance agreement…",
        )
        # "Club: Gold until Jun 2027" on every job of a member (no price: everyone who opens the job sees it).
        register_job_fact("club", label="Club", annotate=club_fact_annotations, text=club_fact_text, order=50)
        # The customer page's link to their account: balance, ledger, statement, collection log.
        register_customer_link(
            "account",
            label="Account",
            url_name="billing:customer_account",
            permission="billing.view_receivables",
            icon="cash-coin",
            order=10,
        )
