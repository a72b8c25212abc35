from django.db import models


class EmployeeRole(models.TextChoices):
    COORDINATOR = "coordinator", "Install coordinator"
    INSTALL_ADMIN = "install_admin", "Install administrator"
    INSTALLER = "installer", "Installer"
    LEAD_INSTALLER = "lead_installer", "Lead installer"
    TECH = "tech", "Service tech"
    SALESPERSON = "salesperson", "Salesperson"
    ACCOUNTING = "accounting", "Accounting"


# Roles that work in the field and see only their own crew's work.
FIELD_ROLES = {EmployeeRole.INSTALLER, EmployeeRole.LEAD_INSTALLER, EmployeeRole.TECH}
