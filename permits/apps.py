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

        # Title 24 and HERS: the job page's panel, and the gate on Inspected and Invoiced.
        from jobs.panels import register_job_panel

        from .selectors.title24 import hers_not_passed, title24_gate_missing

        register_job_panel(
            "title24",
            url_name="permits:job_title24",
            permission="permits.view_title24scope",
            order=40,
            loading="Loading Title 24…",
        )
        register_status_condition(JobStatus.INSPECTED, "hers_passed", hers_not_passed)
        register_status_condition(JobStatus.INSPECTED, "title24_gate", title24_gate_missing)
        register_status_condition(JobStatus.INVOICED, "title24_gate", title24_gate_missing)
