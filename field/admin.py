from django.contrib import admin

from .models import FieldAction, FieldNote, JobFolderRender


@admin.register(JobFolderRender)
class JobFolderRenderAdmin(admin.ModelAdmin):
    list_display = ["job", "audience", "status", "page_count", "size", "requested_by", "requested_at", "finished_at"]
    list_filter = ["status", "audience"]
    search_fields = ["job__number", "error"]
    list_select_related = ["job__customer", "requested_by"]
    readonly_fields = [f.name for f in JobFolderRender._meta.fields if f.name != "id"]

    def has_add_permission(self, request):
        return False


@admin.register(FieldAction)
class FieldActionAdmin(admin.ModelAdmin):
    list_display = ["visit", "to_status", "user", "tapped_at", "received_at", "applied", "outcome"]
    list_filter = ["applied", "to_status"]
    list_select_related = ["visit__job", "user"]
    readonly_fields = [f.name for f in FieldAction._meta.fields if f.name != "id"]

    def has_add_permission(self, request):
        return False


@admin.register(FieldNote)
class FieldNoteAdmin(admin.ModelAdmin):
    list_display = ["job", "author", "written_at", "text"]
    search_fields = ["job__number", "text"]
    list_select_related = ["job__customer", "author"]
    readonly_fields = ["visit", "job", "author", "written_at", "client_uuid"]
