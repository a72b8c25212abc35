from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = "Customer and crew messages"

    def ready(self) -> None:
        from . import readiness, receivers  # noqa: F401  (readiness registers its check on import)

        receivers.connect()
