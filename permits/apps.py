from django.apps import AppConfig


class PermitsConfig(AppConfig):
    name = "permits"

    def ready(self) -> None:
        from jobs.choices import JobStatus
        from jobs.lifecycle import register_status_condition
        from jobs.readiness import register_readiness_check

        from .lifecycle import permit_not_issued
        from .readiness import no_permit_number

        register_readiness_check(
            "no_permit", label="No permit number", icon="bi-file-earmark-x", order=10, missing=no_permit_number
        )
        # Inspected is this app's to fill once inspections are recorded here.
        register_status_condition(JobStatus.PERMITTED, "permit_issued", permit_not_issued)
        register_status_condition(JobStatus.INSTALLED, "permit_issued", permit_not_issued)

        from jobs.panels import register_job_panel

        # The permit packet mailed to the customer: make, print, record mailed.
        register_job_panel(
            "permit_packet",
            url_name="permits:packet_panel",
            permission="permits.view_permitpacket",
            column="side",
            order=30,
            loading="Loading the permit packet…",
        )
