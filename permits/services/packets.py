"""The permit packet: asked for by the office, rendered on the `pdf` queue, printed, recorded as mailed.

The packet row is the outbox (docs/architecture.md): saved "queued" first, handed to the broker after
commit through `publish_or_defer`, queued again by the relay when the broker never got it, taken back
from a worker that died mid-render, and failed visibly after PACKET_MAX_ATTEMPTS.
"""

import logging
from datetime import date, timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from installops.clock import company_today
from installops.date_window import date_window_refusal
from installops.errors import DomainError
from installops.history import history_note
from installops.models import PrintJob
from installops.printing import print_job_request
from installops.printing.services import print_job_request_many
from installops.queueing import publish_or_defer

from .. import pdfs
from ..choices import NUMBERED_PERMIT_STATUSES, PacketStatus
from ..models import Permit, PermitPacket
from ..selectors import packets as packet_selectors

logger = logging.getLogger(__name__)

PACKET_MAX_ATTEMPTS = 3
PACKET_RELAY_BATCH = 1000
# A packet saved a moment ago is being handed over by the request that saved it: the relay leaves it that long.
PACKET_RELAY_GRACE = timedelta(seconds=10)


def packet_lease() -> timedelta:
    """How long a packet may stay "rendering" before we know its worker died (above the task's limit)."""
    return timedelta(seconds=settings.PERMITS_PACKET_LEASE_SECONDS)


def permit_packet_request(*, permit: Permit, by) -> PermitPacket:
    """Ask for the permit's packet PDF. An unchanged permit gets its packet back; a failed one is retried.

    Only an issued permit has a packet: the letter is about its number.
    """
    with transaction.atomic():
        permit = Permit.objects.select_for_update().get(pk=permit.pk)
        if permit.status not in NUMBERED_PERMIT_STATUSES:
            raise DomainError("The packet is made once the permit is issued and its number entered.")
        permit = packet_selectors.permit_get_for_packet(pk=permit.pk)
        fingerprint = packet_selectors.permit_packet_fingerprint(permit=permit)
        packet = (
            PermitPacket.objects.select_for_update()
            .filter(permit=permit, fingerprint=fingerprint)
            .order_by("-requested_at", "-id")
            .first()
        )
        now = timezone.now()
        if packet is not None:
            cutoff = now - packet_lease()
            lost_task = packet.status == PacketStatus.QUEUED and (
                packet.enqueued_at is None or packet.enqueued_at < cutoff
            )
            dead_worker = (
                packet.status == PacketStatus.RENDERING and (packet.started_at or packet.requested_at) < cutoff
            )
            if not (packet.status == PacketStatus.FAILED or lost_task or dead_worker):
                return packet
            packet.status = PacketStatus.QUEUED
            packet.error = ""
            packet.attempts = 0
        else:
            packet = PermitPacket(permit=permit, fingerprint=fingerprint)
        packet.requested_by = by
        packet.requested_at = now
        packet.enqueued_at = None
        history_note(packet, by=by, reason="Packet asked for")
        packet.save()
        packet_id = packet.pk
        transaction.on_commit(lambda: permit_packets_enqueue(packet_ids=[packet_id]))
    return packet


def permit_packets_enqueue(*, packet_ids: list[int]) -> bool:
    """Queue the packets on the pdf queue and mark them handed over. A broker that is down raises
    nothing: the packets stay "queued", unmarked, and the relay queues them once it is back."""
    from ..tasks import permit_packet_render_task

    def publish() -> None:
        with permit_packet_render_task.app.producer_or_acquire() as producer:
            for packet_id in packet_ids:
                permit_packet_render_task.apply_async((packet_id,), producer=producer)

    if not publish_or_defer(publish, what=f"{len(packet_ids)} permit packet(s)"):
        return False
    PermitPacket.objects.filter(pk__in=packet_ids, status=PacketStatus.QUEUED).update(enqueued_at=timezone.now())
    return True


def permit_packet_render(*, packet_id: int) -> PermitPacket:
    """Render one packet (called by the worker). Only a "queued" packet is taken, so of two copies of
    its task one renders and the other stops. A failure lands it in "failed" with the reason."""
    with transaction.atomic():
        packet = PermitPacket.objects.select_for_update().get(pk=packet_id)
        if packet.status != PacketStatus.QUEUED:
            return packet
        packet.status = PacketStatus.RENDERING
        packet.started_at = timezone.now()
        packet.attempts += 1
        history_note(packet, by=None)
        packet.save(update_fields=["status", "started_at", "attempts", "updated_at"])
    try:
        permit = packet_selectors.permit_get_for_packet(pk=packet.permit_id)
        content, page_count = pdfs.permit_packet_pdf(permit=permit)
    except DomainError as error:
        return _packet_failed(packet, error.message)
    except Exception as error:
        logger.exception("Permit packet %s failed", packet.pk)
        return _packet_failed(packet, f"The PDF could not be made: {type(error).__name__}: {error}"[:1000])
    with transaction.atomic():
        packet = PermitPacket.objects.select_for_update().get(pk=packet_id)
        if packet.status != PacketStatus.RENDERING:
            return packet  # taken back by the relay meanwhile: its next try writes the file
        packet.file.save(f"packet-{packet.permit_id}.pdf", ContentFile(content), save=False)
        packet.status = PacketStatus.DONE
        packet.page_count = page_count
        packet.error = ""
        packet.finished_at = timezone.now()
        history_note(packet, by=None)
        packet.save()
    return packet


def _packet_failed(packet: PermitPacket, reason: str) -> PermitPacket:
    with transaction.atomic():
        packet = PermitPacket.objects.select_for_update().get(pk=packet.pk)
        packet.status = PacketStatus.FAILED
        packet.error = reason
        packet.finished_at = timezone.now()
        history_note(packet, by=None, reason="Packet failed")
        packet.save(update_fields=["status", "error", "finished_at", "updated_at"])
    return packet


def permit_packet_render_relay() -> tuple[int, int, int]:
    """Every minute (beat): (packets queued again, taken back from a dead worker, failed).

    A fixed number of queries whatever the backlog; idempotent.
    """
    now = timezone.now()
    lease = packet_lease()
    dead = PermitPacket.objects.filter(status=PacketStatus.RENDERING, started_at__lt=now - lease)
    taken_back = dead.filter(attempts__lt=PACKET_MAX_ATTEMPTS).update(
        status=PacketStatus.QUEUED,
        enqueued_at=None,
        error="The PDF worker stopped while making it; trying again.",
        updated_at=now,
    )
    failed = dead.filter(attempts__gte=PACKET_MAX_ATTEMPTS).update(
        status=PacketStatus.FAILED,
        error=f"The PDF worker stopped while making it, {PACKET_MAX_ATTEMPTS} times. Make the packet again to "
        "retry; if it fails again, the permit card may be too large.",
        finished_at=now,
        updated_at=now,
    )
    never = Q(enqueued_at__isnull=True) & (Q(updated_at__lt=now - PACKET_RELAY_GRACE) | Q(started_at__lt=now - lease))
    due = PermitPacket.objects.filter(Q(status=PacketStatus.QUEUED) & (never | Q(enqueued_at__lt=now - lease)))
    packet_ids = list(due.order_by("pk").values_list("pk", flat=True)[:PACKET_RELAY_BATCH])
    if packet_ids:
        permit_packets_enqueue(packet_ids=packet_ids)
    return len(packet_ids), taken_back, failed


def _print_label(packet: PermitPacket) -> str:
    permit = packet.permit
    return f"Permit packet {permit.number} · job {permit.job.number} · {permit.job.customer.name}"


def permit_packet_print(*, packet: PermitPacket, by) -> PrintJob:
    """Send a made packet to the office's printer (a print job on Celery), and note who printed it."""
    with transaction.atomic():
        locked = PermitPacket.objects.select_for_update().select_related("permit__job__customer").get(pk=packet.pk)
        if locked.status != PacketStatus.DONE:
            raise DomainError("The packet is not made yet: print it once its PDF is ready.")
        print_job = print_job_request(file_name=locked.file.name, label=_print_label(locked), by=by)
        locked.printed_at = timezone.now()
        locked.printed_by = by
        history_note(locked, by=by, reason="Sent to the printer")
        locked.save(update_fields=["printed_at", "printed_by", "updated_at"])
    return print_job


def permit_packets_print(*, packets: list[PermitPacket], by) -> list[PrintJob]:
    """Send several made packets to the printer in their order ("print all" on the packets to mail).

    A fixed number of queries whatever the count: the packets come with permit, job and customer loaded.
    """
    ready = [packet for packet in packets if packet.status == PacketStatus.DONE and packet.file]
    with transaction.atomic():
        print_jobs = print_job_request_many(items=[(packet.file.name, _print_label(packet)) for packet in ready], by=by)
        # A bulk update writes no history rows: printing changes no fact of the packet, it notes who printed.
        PermitPacket.objects.filter(pk__in=[packet.pk for packet in ready]).update(
            printed_at=timezone.now(), printed_by=by, updated_at=timezone.now()
        )
    return print_jobs


def permit_packet_record_mailed(*, packet: PermitPacket, by, mailed_on: date | None = None) -> PermitPacket:
    """The office mailed the packet to the customer on `mailed_on` (company today when left out).

    Also stamps the permit's "packet mailed" date, so the permit shows it and the queue drops it.
    """
    mailed_on = mailed_on or company_today()
    if mailed_on > company_today():
        raise DomainError("A packet cannot be mailed in the future.", field="mailed_on")
    refusal = date_window_refusal(mailed_on)
    if refusal:
        raise DomainError(refusal, field="mailed_on")
    with transaction.atomic():
        locked = PermitPacket.objects.select_for_update().get(pk=packet.pk)
        permit = Permit.objects.select_for_update().get(pk=locked.permit_id)
        if locked.status != PacketStatus.DONE:
            raise DomainError("Only a made packet can be mailed: make it first.")
        if permit.status not in NUMBERED_PERMIT_STATUSES:
            raise DomainError("The permit is no longer issued; make a packet for its new permit.")
        locked.mailed_on = mailed_on
        locked.mailed_by = by
        history_note(locked, by=by, reason=f"Mailed on {mailed_on:%b} {mailed_on.day}, {mailed_on.year}")
        locked.save(update_fields=["mailed_on", "mailed_by", "updated_at"])
        permit.packet_mailed_on = mailed_on
        history_note(permit, by=by, reason="Permit packet mailed")
        permit.save(update_fields=["packet_mailed_on", "updated_at"])
    return locked


def permit_packets_record_mailed(*, packets: list[PermitPacket], by, mailed_on: date | None = None) -> int:
    """Several packets mailed on one day, all or none (each with its history, as one by one)."""
    with transaction.atomic():
        for packet in sorted(packets, key=lambda packet: packet.pk):  # one lock order for every caller
            permit_packet_record_mailed(packet=packet, by=by, mailed_on=mailed_on)
    return len(packets)
