from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Crew, CrewWorkingHours, Skill, TimeOff, Visit, VisitStatusChange


@admin.register(Skill)
class SkillAdmin(admin.ModelAdmin):
    search_fields = ["name"]


class CrewWorkingHoursInline(admin.TabularInline):
    model = CrewWorkingHours
    extra = 0
    max_num = 7


@admin.register(Crew)
class CrewAdmin(SimpleHistoryAdmin):
    inlines = [CrewWorkingHoursInline]
    list_display = ["name", "lead", "active"]
    list_filter = ["active", "skills"]
    search_fields = ["name", "lead__user__first_name", "lead__user__last_name"]
    filter_horizontal = ["members", "skills"]
    list_select_related = ["lead__user"]


class VisitStatusChangeInline(admin.TabularInline):
    model = VisitStatusChange
    extra = 0
    can_delete = False
    fields = ["from_status", "to_status", "changed_at", "changed_by", "reason", "recorded_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(TimeOff)
class TimeOffAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "crew", "employee", "starts_at", "ends_at", "reason"]
    list_filter = ["crew"]
    list_select_related = ["crew", "employee__user"]
    date_hierarchy = "starts_at"


@admin.register(Visit)
class VisitAdmin(SimpleHistoryAdmin):
    inlines = [VisitStatusChangeInline]
    # Bookings and dispatch go through the services (clash and hours checks, audit rows).
    readonly_fields = ["status", "confirmed_at", "on_my_way_at", "on_site_at", "completed_at", "closed_out_at"]
    list_display = ["job", "crew", "technician", "starts_at", "ends_at", "status"]
    list_filter = ["status", "crew", "starts_at"]
    search_fields = ["job__number", "job__customer__name"]
    list_select_related = ["job__customer", "crew", "technician__user"]
    autocomplete_fields = ["job", "technician"]
    date_hierarchy = "starts_at"
