from django.apps import AppConfig


class InstallOpsConfig(AppConfig):
    name = "installops"
    verbose_name = "InstallOps"
