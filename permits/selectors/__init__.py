"""Every read a permits page shows, with its joins decided once. One module per concern.

follow_up    the install administrator's follow-up list: what waits on the office, oldest first
"""

from .follow_up import FollowUpLine, follow_up_counts, follow_up_list

__all__ = ["FollowUpLine", "follow_up_counts", "follow_up_list"]
