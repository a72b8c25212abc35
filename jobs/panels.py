"""Panels other apps show on the job page, each loaded by htmx from that app's own URL.

An app above jobs registers its panel from its AppConfig.ready(); the job page lists the panels the
user has the permission for, in order, and knows nothing else about them. The panel's view still
checks permission and visibility itself.
"""

from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class JobPanel:
    name: str
    url_name: str  # reversed with the job's pk
    permission: str  # a model permission the user needs to see it; "" for anyone who may open the job
    column: str  # "main" (under the folder) or "side" (under the status form)
    order: int
    loading: str  # shown until the panel arrives


JOB_PANELS: list[JobPanel] = []


def register_job_panel(
    name: str, *, url_name: str, permission: str = "", column: str = "main", order: int = 100, loading: str = ""
) -> None:
    """Show a panel on the job page (registering the same name again replaces it)."""
    panel = JobPanel(name, url_name, permission, column, order, loading or "Loading…")
    panels = [existing for existing in JOB_PANELS if existing.name != name] + [panel]
    JOB_PANELS[:] = sorted(panels, key=lambda p: (p.order, p.name))


def job_panels_for(*, user, job, column: str) -> list[tuple[JobPanel, str]]:
    """(panel, its URL for this job) for the panels of that column this user may see."""
    return [
        (panel, reverse(panel.url_name, args=[job.pk]))
        for panel in JOB_PANELS
        if panel.column == column and (not panel.permission or user.has_perm(panel.permission))
    ]
