from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    CompletionSignoff,
    Customer,
    Document,
    FinanceCompany,
    InstalledEquipment,
    Job,
    JobStatusChange,
    RequiredPaperwork,
    Site,
)


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


@admin.register(RequiredPaperwork)
class RequiredPaperworkAdmin(admin.ModelAdmin):
    """Which paperwork each kind of job needs before it is ready (feeds the readiness check)."""

    list_display = ["job_kind", "category", "condition"]
    list_filter = ["job_kind", "category"]
    list_editable = ["condition"]


def _file_link(document: Document) -> str:
    # Through the permission-checked view: stored files have no public URL.
    url = reverse("jobs:document_file", args=[document.job_id, document.pk])
    return format_html('<a href="{}">open</a>', url)


@admin.register(Document)
class DocumentAdmin(SimpleHistoryAdmin):
    list_display = ["title", "job", "category", "kind", "office_only", "uploaded_by", "uploaded_at", "removed_at"]
    list_filter = ["category", "kind", "office_only"]
    search_fields = ["title", "job__number", "job__customer__name"]
    list_select_related = ["job__customer", "uploaded_by"]
    # New files come in through the job page or the phone, where they are checked and cleaned.
    fields = ["job", "category", "title", "office_only", "link", "kind", "content_type", "size", "uploaded_by",
              "uploaded_at", "removed_at", "removed_by"]  # fmt: skip
    readonly_fields = ["job", "link", "kind", "content_type", "size", "uploaded_by", "uploaded_at", "removed_at",
                       "removed_by"]  # fmt: skip

    @admin.display(description="file")
    def link(self, document):
        return _file_link(document)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(InstalledEquipment)
class InstalledEquipmentAdmin(SimpleHistoryAdmin):
    list_display = ["job", "kind", "manufacturer", "model_number", "serial_number", "warranty_years", "recorded_at"]
    list_filter = ["kind", "manufacturer"]
    search_fields = ["serial_number", "model_number", "job__number", "job__customer__name"]
    list_select_related = ["job__customer"]
    raw_id_fields = ["job", "nameplate_photo"]
    readonly_fields = ["recorded_by", "recorded_at"]


@admin.register(CompletionSignoff)
class CompletionSignoffAdmin(admin.ModelAdmin):
    list_display = ["job", "signer_name", "signed_at", "recorded_by"]
    search_fields = ["job__number", "signer_name"]
    list_select_related = ["job__customer", "recorded_by"]
    fields = ["job", "signer_name", "signed_at", "recorded_by", "certificate"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
