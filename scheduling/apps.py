from django.apps import AppConfig


class SchedulingConfig(AppConfig):
    name = "scheduling"
    verbose_name = "Crews and scheduling"

    def ready(self) -> None:
        from jobs.choices import JobStatus
        from jobs.filters import register_job_filter
        from jobs.lifecycle import register_job_release_handler, register_status_condition
        from jobs.panels import register_job_panel
        from jobs.readiness import register_readiness_check
        from jobs.visibility import register_job_access

        from . import lifecycle
        from .filters import job_crew_filter
        from .readiness import not_confirmed
        from .selectors import job_q_booked_for
        from .services.releases import job_release_visits

        # Field staff see the jobs they are booked on; the job list filters by crew; the job page shows
        # visits to whoever may open the job (sales read-only, for the install date).
        register_job_access(job_q_booked_for)
        register_job_filter("crew", job_crew_filter())
        register_job_panel(
            "visits",
            url_name="scheduling:job_visits_panel",
            order=10,
            loading="Loading visits…",
        )
        register_readiness_check(
            "not_confirmed", label="Not confirmed", icon="bi-telephone-x", order=30, missing=not_confirmed
        )
        # A job's status follows its visits; holding or cancelling it releases them in the same transaction.
        register_status_condition(JobStatus.SOLD, "nothing_booked", lifecycle.visits_still_booked)
        register_status_condition(JobStatus.SCHEDULED, "visit_booked", lifecycle.no_visit_booked)
        register_status_condition(JobStatus.INSTALLED, "visits_done", lifecycle.visits_not_done)
        register_status_condition(JobStatus.CLOSED, "visits_closed_out", lifecycle.visits_not_closed_out)
        register_job_release_handler(job_release_visits)
