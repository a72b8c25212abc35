from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import AgreementPlan, EquipmentRating, RebateProgram, WarrantyTerms


@admin.register(RebateProgram)
class RebateProgramAdmin(SimpleHistoryAdmin):
    list_display = ["name", "sponsor_kind", "sponsor_name", "amount", "payee_default", "active"]
    list_filter = ["active", "sponsor_kind"]
    search_fields = ["name", "sponsor_name"]


@admin.register(EquipmentRating)
class EquipmentRatingAdmin(admin.ModelAdmin):
    list_display = ["manufacturer", "model_number", "kind", "seer2", "eer2", "hspf2", "afue", "ahri_reference"]
    list_filter = ["kind", "manufacturer"]
    search_fields = ["model_number", "manufacturer", "ahri_reference"]


@admin.register(WarrantyTerms)
class WarrantyTermsAdmin(SimpleHistoryAdmin):
    list_display = ["manufacturer", "register_within_days", "parts_years", "labor_years", "active"]
    list_filter = ["active"]


@admin.register(AgreementPlan)
class AgreementPlanAdmin(SimpleHistoryAdmin):
    list_display = ["name", "price", "term_months", "visits_per_term", "auto_renew_default", "active"]
    list_filter = ["active"]
