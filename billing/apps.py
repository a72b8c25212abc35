from django.apps import AppConfig


class BillingConfig(AppConfig):
    name = "billing"

    def ready(self) -> None:
        from jobs.facts import register_job_fact
        from jobs.panels import register_job_panel

        from .selectors.agreements import club_fact_annotations, club_fact_text

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
