"""Every read a permits page shows, with its joins decided once. One module per concern."""

from .inspections import inspection_list_for_job, inspection_windows_for_job

__all__ = ["inspection_list_for_job", "inspection_windows_for_job"]
