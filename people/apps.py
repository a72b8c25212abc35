from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = "Staff and roles"

    def ready(self) -> None:
        from .roles import role_groups_sync_after_migrate

        # After every migrate (and every test flush), the way Django creates its permissions.
        post_migrate.connect(role_groups_sync_after_migrate, sender=self, dispatch_uid="people.role_groups")
