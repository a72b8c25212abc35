from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Crew, Employee, Skill, Visit


@admin.register(Employee)
class EmployeeAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "role", "phone", "active"]
    list_filter = ["role", "active"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "phone"]
    list_select_related = ["user"]
    autocomplete_fields = ["user"]


@admin.register(Skill)
class SkillAdmin(admin.ModelAdmin):
    search_fields = ["name"]


@admin.register(Crew)
class CrewAdmin(SimpleHistoryAdmin):
    list_display = ["name", "lead", "active"]
    list_filter = ["active", "skills"]
    search_fields = ["name", "lead__user__first_name", "lead__user__last_name"]
    filter_horizontal = ["members", "skills"]
    list_select_related = ["lead__user"]


@admin.register(Visit)
class VisitAdmin(SimpleHistoryAdmin):
    list_display = ["job", "crew", "technician", "starts_at", "ends_at", "status"]
    list_filter = ["status", "crew", "starts_at"]
    search_fields = ["job__number", "job__customer__name"]
    list_select_related = ["job__customer", "crew", "technician__user"]
    autocomplete_fields = ["job", "technician"]
    date_hierarchy = "starts_at"
