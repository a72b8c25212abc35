from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "jobs"
    verbose_name = "Customers and jobs"

    def ready(self) -> None:
        from .choices import JobStatus
        from .lifecycle import register_status_condition
        from .readiness import equipment_not_ordered, job_readiness_missing, paperwork_missing, register_readiness_check

        register_readiness_check(
            "equipment_not_ordered",
            label="Equipment not ordered",
            icon="bi-box-seam",
            order=20,
            missing=equipment_not_ordered,
        )
        register_readiness_check(
            "paperwork_missing", label="Paperwork missing", icon="bi-folder-x", order=40, missing=paperwork_missing
        )
        # A job is ready when nothing the readiness checks look at is missing.
        register_status_condition(JobStatus.READY, "readiness", job_readiness_missing)
