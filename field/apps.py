from django.apps import AppConfig


class FieldConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "field"
    verbose_name = "Field (phone view and job-folder PDFs)"

    def ready(self) -> None:
        from jobs.panels import register_job_panel

        # The job page's folder PDF, sheets and notes from the field.
        register_job_panel(
            "job_folder", url_name="field:job_folder_panel", column="side", order=10, loading="Loading the job folder…"
        )
