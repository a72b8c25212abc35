from django.conf import settings
from django.contrib import admin

from .models import DailyTaskRun, PrintJob


@admin.register(DailyTaskRun)
class DailyTaskRunAdmin(admin.ModelAdmin):
    """Each daily beat task's runs by company day; a day without "finished" did not run (yet)."""

    list_display = ["sweep", "day", "started_at", "finished_at", "queued_at", "result"]
    list_filter = ["task", "day"]
    date_hierarchy = "day"
    readonly_fields = ["task", "day", "queued_at", "started_at", "finished_at", "result"]

    @admin.display(description="Daily task", ordering="task")
    def sweep(self, run: DailyTaskRun) -> str:
        names = {task: name for name, (task, _) in settings.BEAT_DAILY_TASKS.items()}
        return names.get(run.task, run.task)

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(PrintJob)
class PrintJobAdmin(admin.ModelAdmin):
    """What was sent to the printer and how it went; print jobs are made from the pages, never here."""

    list_display = ["label", "status", "requested_by", "requested_at", "attempts", "reference"]
    list_filter = ["status"]
    search_fields = ["label", "file_name"]
    date_hierarchy = "requested_at"
    readonly_fields = [field.name for field in PrintJob._meta.fields]

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
