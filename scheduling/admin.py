from django.contrib import admin
from django.core.exceptions import PermissionDenied
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
    """Visits are booked, moved and dispatched through scheduling.services (clash and hours checks,
    the job's status, the audit rows, the customer's messages). Here who and when are read-only, a
    visit is never added nor reverted to an old version; only the notes and the estimate are edited."""

    inlines = [VisitStatusChangeInline]
    readonly_fields = [
        "job",
        "crew",
        "technician",
        "starts_at",
        "ends_at",
        "arrival_window_start",
        "arrival_window_end",
        "status",
        "status_reason",
        "override_reason",
        "booked_by",
        "rescheduled_from",
        "confirmed_at",
        "on_my_way_at",
        "on_site_at",
        "completed_at",
        "closed_out_at",
        "actual_lead",
    ]
    list_display = ["job", "crew", "technician", "starts_at", "ends_at", "status"]
    list_filter = ["status", "crew", "starts_at"]
    search_fields = ["job__number", "job__customer__name"]
    list_select_related = ["job__customer", "crew", "technician__user"]
    date_hierarchy = "starts_at"

    def has_add_permission(self, request):
        return False

    def revert_disabled(self, request, obj=None):
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied("A visit is moved through the board or the visit's page, not reverted.")
        return super().history_form_view(request, object_id, version_id, extra_context)
