from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = "Customer and crew messages"

    def ready(self) -> None:
        from . import receivers

        receivers.connect()
