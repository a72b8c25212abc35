from django.apps import AppConfig


class PermitsConfig(AppConfig):
    name = "permits"

    def ready(self) -> None:
        from jobs.choices import JobStatus
        from jobs.facts import register_job_fact
        from jobs.lifecycle import register_permit_requirement, register_status_condition
        from jobs.panels import register_job_panel
        from jobs.readiness import register_readiness_check

        from .lifecycle import permit_not_issued
        from .readiness import no_permit_number
        from .selectors import job_needs_permit
        from .selectors.display import permit_job_fact_annotations, permit_job_fact_text

        register_readiness_check(
            "no_permit", label="No permit number", icon="bi-file-earmark-x", order=10, missing=no_permit_number
        )
        # Inspected is this app's to fill once inspections are recorded here.
        register_status_condition(JobStatus.PERMITTED, "permit_issued", permit_not_issued)
        register_status_condition(JobStatus.INSTALLED, "permit_issued", permit_not_issued)
        # Which jobs go through Permitted: the kind, the equipment sold and the office's exemption.
        register_permit_requirement(job_needs_permit)
        register_job_panel(
            "permit",
            url_name="permits:permit_panel",
            permission="permits.view_permit",
            column="side",
            order=5,
            loading="Loading the permit…",
        )
        # The permit's number or status on the job page's header and the job list.
        register_job_fact(
            "permit", label="Permit", annotate=permit_job_fact_annotations, text=permit_job_fact_text, order=10
        )
        # The permit packet mailed to the customer: make, print, record mailed.
        register_job_panel(
            "permit_packet",
            url_name="permits:packet_panel",
            permission="permits.view_permitpacket",
            column="side",
            order=30,
            loading="Loading the permit packet…",
        )
