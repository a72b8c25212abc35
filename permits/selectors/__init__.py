"""Every read a permits page shows, with its joins decided once. One module per concern."""

from .packets import (
    permit_live_for_job,
    permit_packet_get_visible,
    permit_packet_latest,
    permit_packet_list_to_mail,
    permit_packet_queue,
)

__all__ = [
    "permit_live_for_job",
    "permit_packet_get_visible",
    "permit_packet_latest",
    "permit_packet_list_to_mail",
    "permit_packet_queue",
]
