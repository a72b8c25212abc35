from django.apps import AppConfig
from django.db.models.signals import post_migrate


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = "Customer and crew messages"

    def ready(self) -> None:
        from jobs.panels import register_job_panel

        from . import readiness, receivers  # noqa: F401  (readiness registers its check on import)
        from .defaults import message_templates_after_migrate

        receivers.connect()
        register_job_panel(
            "messages",
            url_name="notifications:job_messages",
            permission="notifications.view_message",
            order=20,
            loading="Loading messages…",
        )
        # The built-in wording of any message that has no template row yet (an office edit is kept).
        post_migrate.connect(message_templates_after_migrate, sender=self, dispatch_uid="notifications.templates")
