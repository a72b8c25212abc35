from django.contrib import admin

from .models import ConfirmationEvent, CrewPage, Message, MessageTemplate, OwedTask, VisitChange


@admin.register(MessageTemplate)
class MessageTemplateAdmin(admin.ModelAdmin):
    list_display = ["kind", "channel", "subject", "active", "updated_at"]
    list_filter = ["kind", "channel", "active"]
    fieldsets = [
        (None, {"fields": ["kind", "channel", "active", "subject", "body"]}),
        (
            "What the wording can use",
            {
                "description": (
                    "Every message: {{ company.name }}, {{ company.phone }}, {{ for_date }}. "
                    "Confirmation and on-my-way: {{ customer }}, {{ job }}, {{ site }}, {{ visit }}, {{ arrival }}, "
                    "{{ confirm_url }}, {{ tech_name }}. Appointment changed: the same, and {{ was }} (the old "
                    "start), {{ called_off }}, {{ status_label }}. Page-out and updated page: {{ member_name }}, "
                    "{{ items }} (each with visit, job, customer, site, arrival, job_folder_url, paperwork_url, "
                    "service_history; an update's may be empty), {{ acknowledge_url }}. "
                    "Escalation: {{ pages }}, {{ worklist_url }}."
                ),
                "fields": [],
            },
        ),
    ]


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    list_display = ["created_at", "kind", "channel", "recipient_name", "recipient_address", "status", "sent_at"]
    list_filter = ["kind", "channel", "status", "for_date"]
    search_fields = ["recipient_name", "recipient_address", "idempotency_key", "job__number", "provider_id"]
    date_hierarchy = "for_date"
    list_select_related = ["job"]
    readonly_fields = [field.name for field in Message._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(CrewPage)
class CrewPageAdmin(admin.ModelAdmin):
    list_display = ["for_date", "crew", "employee", "acknowledged_at", "acknowledged_via", "escalated_at"]
    list_filter = ["for_date", "acknowledged_via"]
    list_select_related = ["crew", "employee__user"]
    readonly_fields = [
        "employee", "crew", "for_date", "acknowledged_at", "acknowledged_via", "acknowledged_by", "escalated_at",
        "resends", "created_at",
    ]  # fmt: skip

    def has_add_permission(self, request):
        return False


@admin.register(ConfirmationEvent)
class ConfirmationEventAdmin(admin.ModelAdmin):
    list_display = ["recorded_at", "visit", "source", "outcome", "recorded_by"]
    list_filter = ["source", "outcome"]
    list_select_related = ["visit__job", "recorded_by"]
    readonly_fields = ["visit", "source", "outcome", "note", "recorded_by", "recorded_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(VisitChange)
class VisitChangeAdmin(admin.ModelAdmin):
    list_display = ["changed_at", "visit", "kind", "customer_told", "pages_updated"]
    list_filter = ["kind", "customer_told"]
    list_select_related = ["visit__job"]
    readonly_fields = [field.name for field in VisitChange._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(OwedTask)
class OwedTaskAdmin(admin.ModelAdmin):
    """Event work not done yet: the relay queues it again every minute; rows left here say what is stuck."""

    list_display = ["created_at", "task", "args", "enqueued_at", "attempts"]
    readonly_fields = [field.name for field in OwedTask._meta.fields]

    def has_add_permission(self, request):
        return False
