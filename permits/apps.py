from django.apps import AppConfig


class PermitsConfig(AppConfig):
    name = "permits"

    def ready(self) -> None:
        from jobs.choices import JobStatus
        from jobs.lifecycle import register_status_condition
        from jobs.panels import register_job_panel
        from jobs.readiness import register_readiness_check

        from .lifecycle import final_inspection_not_passed, permit_not_issued
        from .readiness import no_permit_number

        register_readiness_check(
            "no_permit", label="No permit number", icon="bi-file-earmark-x", order=10, missing=no_permit_number
        )
        # Inspected is this app's to fill once inspections are recorded here.
        register_status_condition(JobStatus.PERMITTED, "permit_issued", permit_not_issued)
        register_status_condition(JobStatus.INSTALLED, "permit_issued", permit_not_issued)
        register_status_condition(JobStatus.INSPECTED, "final_inspection_passed", final_inspection_not_passed)
        register_job_panel(
            "inspections",
            url_name="permits:job_inspections",
            permission="permits.view_inspection",
            order=30,
            loading="Loading inspections…",
        )
