from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Employee


@admin.register(Employee)
class EmployeeAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "role", "phone", "active"]
    list_filter = ["role", "active"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "phone"]
    list_select_related = ["user"]
    autocomplete_fields = ["user"]
