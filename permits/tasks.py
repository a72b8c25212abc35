from celery import shared_task

from .choices import PacketStatus
from .models import PermitPacket


@shared_task(acks_late=True, soft_time_limit=120, time_limit=150)
def permit_packet_render_task(packet_id: int) -> str:
    """Render a permit packet PDF on the `pdf` queue (routed in settings). Re-runs skip finished work."""
    from .services import permit_packet_render

    status = PermitPacket.objects.filter(pk=packet_id).values_list("status", flat=True).first()
    if status != PacketStatus.QUEUED:
        return "skipped"
    return permit_packet_render(packet_id=packet_id).status


@shared_task
def permit_packet_render_relay_task() -> str:
    """Every minute (beat): queue again the packets the broker never got, take back a dead worker's."""
    from .services import permit_packet_render_relay

    queued, taken_back, failed = permit_packet_render_relay()
    return f"{queued} packet(s) queued again, {taken_back} taken back from a dead worker, {failed} failed"
