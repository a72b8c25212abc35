from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    HersTest,
    HersVerification,
    Inspection,
    Jurisdiction,
    Permit,
    PermitExemption,
    PermitPacket,
    PermitStartOverride,
    SiteJurisdiction,
    Title24Form,
    Title24Scope,
)


@admin.register(Jurisdiction)
class JurisdictionAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "phone", "typical_days_to_issue", "inspection_booking", "active"]
    list_filter = ["kind", "inspection_booking", "active"]
    search_fields = ["name", "cities", "phone", "email"]


@admin.register(SiteJurisdiction)
class SiteJurisdictionAdmin(SimpleHistoryAdmin):
    list_display = ["site", "jurisdiction", "inferred", "set_by", "updated_at"]
    list_filter = ["inferred", "jurisdiction"]
    search_fields = ["site__street", "site__city", "site__customer__name", "jurisdiction__name"]
    list_select_related = ["site__customer", "jurisdiction", "set_by"]
    autocomplete_fields = ["site", "jurisdiction"]
    raw_id_fields = ["set_by"]


@admin.register(Permit)
class PermitAdmin(SimpleHistoryAdmin):
    list_display = ["job", "jurisdiction", "status", "number", "applied_on", "issued_on", "expires_on", "fee"]
    list_filter = ["status", "jurisdiction"]
    search_fields = ["number", "job__number", "job__customer__name"]
    list_select_related = ["job__customer", "jurisdiction"]
    autocomplete_fields = ["job", "jurisdiction"]
    raw_id_fields = ["document"]
    date_hierarchy = "applied_on"


@admin.register(PermitPacket)
class PermitPacketAdmin(admin.ModelAdmin):
    list_display = ["permit", "status", "requested_at", "finished_at", "printed_at", "mailed_on", "attempts"]
    list_filter = ["status"]
    search_fields = ["permit__number", "permit__job__number", "permit__job__customer__name"]
    list_select_related = ["permit__job__customer"]
    autocomplete_fields = ["permit"]
    raw_id_fields = ["requested_by", "printed_by", "mailed_by"]
    readonly_fields = [
        "fingerprint", "file", "page_count", "error", "attempts", "enqueued_at", "started_at", "finished_at",
    ]  # fmt: skip


@admin.register(Inspection)
class InspectionAdmin(SimpleHistoryAdmin):
    list_display = ["job", "kind", "status", "requested_via", "requested_at", "scheduled_on", "window", "result_on"]
    list_filter = ["kind", "status", "requested_via"]
    search_fields = ["job__number", "job__customer__name", "permit__number", "inspector", "booking_reference"]
    list_select_related = ["job__customer"]
    autocomplete_fields = ["job", "permit", "correction_job"]
    raw_id_fields = ["requested_by", "recorded_by", "reinspection_of", "photos"]
    date_hierarchy = "requested_at"


class HersTestInline(admin.TabularInline):
    model = HersTest
    extra = 0


@admin.register(HersVerification)
class HersVerificationAdmin(SimpleHistoryAdmin):
    list_display = ["job", "status", "rater_company", "rater_name", "registry", "scheduled_on", "result_on"]
    list_filter = ["status", "registry"]
    search_fields = ["job__number", "job__customer__name", "rater_company", "rater_name", "registry_ids"]
    list_select_related = ["job__customer"]
    autocomplete_fields = ["job", "failed_hers_job"]
    raw_id_fields = ["retest_of", "recorded_by"]
    inlines = [HersTestInline]


@admin.register(HersTest)
class HersTestAdmin(SimpleHistoryAdmin):
    list_display = ["verification", "kind", "result", "reading"]
    list_filter = ["kind", "result"]
    search_fields = ["verification__job__number", "verification__job__customer__name"]
    list_select_related = ["verification__job"]
    raw_id_fields = ["verification"]


@admin.register(Title24Scope)
class Title24ScopeAdmin(SimpleHistoryAdmin):
    list_display = ["job", "trigger", "duct_feet_altered", "hers_required", "decided_by"]
    list_filter = ["trigger", "hers_required"]
    search_fields = ["job__number", "job__customer__name"]
    list_select_related = ["job", "decided_by"]
    autocomplete_fields = ["job"]
    raw_id_fields = ["decided_by"]


@admin.register(Title24Form)
class Title24FormAdmin(SimpleHistoryAdmin):
    list_display = ["job", "kind", "registry", "registry_id", "registered_on"]
    list_filter = ["kind", "registry"]
    search_fields = ["registry_id", "job__number", "job__customer__name"]
    list_select_related = ["job"]
    autocomplete_fields = ["job"]
    raw_id_fields = ["document", "recorded_by"]


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
