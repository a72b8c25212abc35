"""Reads for the permit packet: what the PDF shows, the job page's packet panel, the packets to mail."""

import hashlib
import json

from django.conf import settings
from django.db.models import Exists, OuterRef, QuerySet

from jobs import selectors as job_selectors
from jobs.choices import DocumentKind

from ..choices import NUMBERED_PERMIT_STATUSES, PacketStatus
from ..models import Permit, PermitPacket, Title24Form

# Raised when the packet's layout changes, so unchanged permits get a new PDF too.
PACKET_LAYOUT_VERSION = 1
# The packets-to-mail page shows (and "print all" prints) this many, oldest first.
PACKET_QUEUE_PAGE = 100

PACKET_PERMIT_SELECT = ("job__customer", "job__site", "jurisdiction", "document")


def permit_get_for_packet(*, pk: int) -> Permit:
    return Permit.objects.select_related(*PACKET_PERMIT_SELECT).get(pk=pk)


def permit_packet_forms(*, permit: Permit) -> list[Title24Form]:
    return list(Title24Form.objects.filter(job_id=permit.job_id).order_by("kind"))


def permit_packet_attachment(*, permit: Permit):
    """The permit card to bind in after our pages: the permit's document when it is a PDF still on file."""
    document = permit.document
    if document is None or document.kind != DocumentKind.PDF or document.removed_at is not None:
        return None
    return document


def permit_packet_fingerprint(*, permit: Permit) -> str:
    """A hash of everything the packet shows: asking again for an unchanged permit reuses its PDF."""
    job = permit.job
    parts = {
        "layout": PACKET_LAYOUT_VERSION,
        "company": [settings.COMPANY_NAME, settings.COMPANY_PHONE],
        # What the PDF shows of the permit (not its updated_at: recording the packet mailed changes that).
        "permit": [
            permit.number,
            permit.status,
            permit.applied_on,
            permit.issued_on,
            permit.expires_on,
            permit.code_cycle,
        ],
        "jurisdiction": permit.jurisdiction.updated_at.isoformat(),
        "customer": job.customer.updated_at.isoformat(),
        "site": job.site.updated_at.isoformat(),
        "document": [permit.document_id, permit.document.updated_at.isoformat() if permit.document else None],
        "forms": list(Title24Form.objects.filter(job_id=permit.job_id).order_by("pk").values_list("pk", "updated_at")),
    }
    return hashlib.sha256(json.dumps(parts, default=str, sort_keys=True).encode()).hexdigest()


def permit_packet_latest(*, permit: Permit) -> PermitPacket | None:
    return permit.packets.select_related("mailed_by", "printed_by").order_by("-requested_at", "-id").first()


def permit_packet_get_visible(*, user, pk: int) -> PermitPacket:
    """A packet of a job the user may see (DoesNotExist otherwise)."""
    return PermitPacket.objects.select_related("permit__job", "permit__jurisdiction").get(
        pk=pk, permit__job__in=job_selectors.job_list_visible_to(user)
    )


def _newer_packet_of_same_permit() -> Exists:
    newer = PermitPacket.objects.filter(permit_id=OuterRef("permit_id"), requested_at__gt=OuterRef("requested_at"))
    return Exists(newer)


def permit_packet_list_to_mail() -> QuerySet[PermitPacket]:
    """Packets made and not mailed, oldest first: each issued permit's newest packet, its PDF ready.

    A permit recorded as mailed elsewhere (its `packet_mailed_on`) is done with. One query with its joins.
    """
    return (
        PermitPacket.objects.filter(
            status=PacketStatus.DONE,
            mailed_on__isnull=True,
            permit__packet_mailed_on__isnull=True,
            permit__status__in=NUMBERED_PERMIT_STATUSES,
        )
        .exclude(_newer_packet_of_same_permit())
        .select_related("permit__job__customer", "permit__job__site", "permit__jurisdiction", "printed_by")
        .order_by("finished_at", "id")
    )


def permit_packet_queue(*, limit: int = PACKET_QUEUE_PAGE) -> tuple[list[PermitPacket], int]:
    """The first `limit` packets to mail and how many there are in all (two queries)."""
    packets = permit_packet_list_to_mail()
    return list(packets[:limit]), packets.count()
