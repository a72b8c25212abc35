from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "jobs"
    verbose_name = "Customers and jobs"

    def ready(self) -> None:
        from .readiness import equipment_not_ordered, paperwork_missing, register_readiness_check

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
