"""Every write to permits goes through here.

One module per concern:

    permits      a job's permit: jurisdiction, application, number, document, exemption, start override
    packets      the permit packet PDF: render, relay, print, mailed
"""

from .packets import (
    permit_packet_print,
    permit_packet_record_mailed,
    permit_packet_render,
    permit_packet_render_relay,
    permit_packet_request,
    permit_packets_print,
    permit_packets_record_mailed,
)
from .permits import permit_create

__all__ = [
    "permit_create",
    "permit_packet_print",
    "permit_packet_record_mailed",
    "permit_packet_render",
    "permit_packet_render_relay",
    "permit_packet_request",
    "permit_packets_print",
    "permit_packets_record_mailed",
]
