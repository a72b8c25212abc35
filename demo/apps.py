from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo company builder (`manage.py seed_demo`): installed by the local and test settings only."""

    name = "demo"
    verbose_name = "Demo company"
