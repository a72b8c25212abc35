from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Jurisdiction, Permit


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
