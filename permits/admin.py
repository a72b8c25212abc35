from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Jurisdiction, Permit, PermitExemption, PermitStartOverride


@admin.register(Jurisdiction)
class JurisdictionAdmin(admin.ModelAdmin):
    list_display = ["name", "phone"]
    search_fields = ["name"]


@admin.register(Permit)
class PermitAdmin(SimpleHistoryAdmin):
    list_display = ["job", "jurisdiction", "status", "number", "applied_on", "issued_on"]
    list_filter = ["status", "jurisdiction"]
    search_fields = ["number", "job__number", "job__customer__name"]
    list_select_related = ["job__customer", "jurisdiction"]
    autocomplete_fields = ["job"]


# Decisions recorded from the permit panel: the admin shows them, the panel makes them (who and why).
@admin.register(PermitExemption)
class PermitExemptionAdmin(SimpleHistoryAdmin):
    list_display = ["job", "reason", "decided_by", "decided_at"]
    search_fields = ["job__number", "job__customer__name", "reason"]
    list_select_related = ["job__customer", "decided_by"]
    readonly_fields = ["job", "decided_by", "decided_at"]

    def has_add_permission(self, request):
        return False


@admin.register(PermitStartOverride)
class PermitStartOverrideAdmin(admin.ModelAdmin):
    list_display = ["job", "reason", "granted_by", "granted_at"]
    search_fields = ["job__number", "job__customer__name", "reason"]
    list_select_related = ["job__customer", "granted_by"]
    readonly_fields = ["job", "reason", "granted_by", "granted_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
