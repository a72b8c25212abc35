from django.apps import AppConfig


class PermitsConfig(AppConfig):
    name = "permits"

    def ready(self) -> None:
        from jobs.readiness import register_readiness_check

        from .readiness import no_permit_number

        register_readiness_check(
            "no_permit", label="No permit number", icon="bi-file-earmark-x", order=10, missing=no_permit_number
        )
