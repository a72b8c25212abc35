from django.apps import AppConfig
from django.db.models.signals import post_migrate


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = "Customer and crew messages"

    def ready(self) -> None:
        from jobs.panels import register_job_panel
        from jobs.readiness import register_readiness_check
        from scheduling.notices import register_change_audience

        from . import receivers
        from .defaults import message_templates_after_migrate
        from .readiness import reschedule_requested
        from .services.changes import change_audience_words

        receivers.connect()
        register_change_audience("notifications", change_audience_words)
        register_readiness_check(
            "reschedule_requested",
            label="Customer wants another day",
            icon="bi-calendar-x",
            order=50,
            missing=reschedule_requested,
        )
        register_job_panel(
            "messages",
            url_name="notifications:job_messages",
            permission="notifications.view_message",
            order=20,
            loading="Loading messages…",
        )
        # The built-in wording of any message that has no template row yet (an office edit is kept).
        post_migrate.connect(message_templates_after_migrate, sender=self, dispatch_uid="notifications.templates")
