from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Customer, FinanceCompany, Job, JobStatusChange, Site


class SiteInline(admin.TabularInline):
    model = Site
    extra = 0


@admin.register(Customer)
class CustomerAdmin(SimpleHistoryAdmin):
    list_display = ["name", "phone", "email", "billing_city", "sms_opt_out", "email_opt_out"]
    list_filter = ["billing_city", "sms_opt_out", "email_opt_out"]
    search_fields = ["name", "phone", "alt_phone", "email", "billing_street"]
    inlines = [SiteInline]


@admin.register(Site)
class SiteAdmin(SimpleHistoryAdmin):
    list_display = ["street", "city", "zip_code", "customer"]
    list_filter = ["city"]
    search_fields = ["street", "city", "zip_code", "customer__name"]
    list_select_related = ["customer"]
    autocomplete_fields = ["customer"]


@admin.register(FinanceCompany)
class FinanceCompanyAdmin(admin.ModelAdmin):
    list_display = ["name", "phone", "active"]
    list_filter = ["active"]
    search_fields = ["name"]


class JobStatusChangeInline(admin.TabularInline):
    model = JobStatusChange
    extra = 0
    can_delete = False
    readonly_fields = ["from_status", "to_status", "changed_by", "changed_at", "note"]

    def has_add_permission(self, request, obj=None):
        # Status moves go through the pipeline service, never straight into the table.
        return False


@admin.register(Job)
class JobAdmin(SimpleHistoryAdmin):
    list_display = ["number", "customer", "kind", "status", "sold_on", "salesperson", "contract_amount"]
    list_filter = ["status", "kind", "lead_source", "title24", "home_performance", "finance_company", "sold_on"]
    search_fields = ["number", "customer__name", "site__street", "site__city"]
    list_select_related = ["customer", "salesperson"]
    autocomplete_fields = ["customer", "site", "original_job"]
    readonly_fields = ["number", "status", "status_before_hold", "status_changed_at"]
    date_hierarchy = "sold_on"
    inlines = [JobStatusChangeInline]


@admin.register(JobStatusChange)
class JobStatusChangeAdmin(admin.ModelAdmin):
    list_display = ["job", "from_status", "to_status", "changed_by", "changed_at"]
    list_filter = ["to_status", "changed_at"]
    search_fields = ["job__number", "note"]
    list_select_related = ["job__customer", "changed_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
