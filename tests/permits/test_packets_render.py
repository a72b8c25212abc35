"""The packet renders on the pdf queue as an outbox: reused when unchanged, retried, failed visibly."""

from datetime import date, timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from installops.errors import DomainError
from jobs.choices import DocumentCategory
from permits import services
from permits.choices import PacketStatus, PermitStatus
from permits.models import PermitPacket
from permits.services.packets import PACKET_MAX_ATTEMPTS, PACKET_RELAY_GRACE, packet_lease
from permits.tasks import permit_packet_render_task
from tests.jobs.files import add_document, pdf_bytes
from tests.outbox import QueueProbe, dead_broker, publishing_to
from tests.permits.factories import PermitFactory

pytestmark = [pytest.mark.django_db, pytest.mark.company_time("10:00")]


@pytest.fixture
def issued():
    return PermitFactory(status=PermitStatus.ISSUED, number="BLD-7781", issued_on=date(2026, 1, 5))


@pytest.fixture
def probe():
    probe = QueueProbe()
    probe.delete("pdf")
    with publishing_to(probe.name):
        yield probe
    probe.delete("pdf")


def queued_ids(probe) -> list[int]:
    return sorted(args[0] for name, args in probe.tasks("pdf") if name == "permits.tasks.permit_packet_render_task")


def test_asking_for_the_packet_renders_it_on_the_pdf_worker(issued, coordinator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        packet = services.permit_packet_request(permit=issued, by=coordinator)
    packet.refresh_from_db()
    assert packet.status == PacketStatus.DONE
    assert packet.file.name.startswith(f"permits/{issued.pk}/packet-")
    assert packet.page_count == 2
    assert (packet.attempts, packet.requested_by) == (1, coordinator)
    # Every step is in the packet's history, the request by the coordinator.
    assert list(packet.history.order_by("history_id").values_list("status", flat=True)) == [
        PacketStatus.QUEUED,
        PacketStatus.RENDERING,
        PacketStatus.DONE,
    ]
    assert packet.history.earliest("history_id").history_user == coordinator


def test_an_unchanged_permit_gets_its_packet_back_and_a_changed_one_a_new_one(
    issued, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = services.permit_packet_request(permit=issued, by=coordinator)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        again = services.permit_packet_request(permit=issued, by=coordinator)
    assert again.pk == first.pk
    assert callbacks == []
    issued.expires_on = date(2026, 7, 5)
    issued.save()
    with django_capture_on_commit_callbacks(execute=True):
        changed = services.permit_packet_request(permit=issued, by=coordinator)
    assert changed.pk != first.pk


def test_a_permit_not_issued_has_no_packet_yet(coordinator):
    applied = PermitFactory(status=PermitStatus.APPLIED)
    with pytest.raises(DomainError, match="once the permit is issued"):
        services.permit_packet_request(permit=applied, by=coordinator)
    assert not PermitPacket.objects.exists()


def test_the_render_task_run_twice_renders_once(issued, coordinator, probe):
    packet = services.permit_packet_request(permit=issued, by=coordinator)
    assert permit_packet_render_task.apply(args=[packet.pk]).get() == PacketStatus.DONE
    assert permit_packet_render_task.apply(args=[packet.pk]).get() == "skipped"
    packet.refresh_from_db()
    assert packet.attempts == 1


def test_a_permit_card_that_cannot_be_read_fails_the_packet_with_its_name_and_asking_again_retries(
    issued, coordinator, django_capture_on_commit_callbacks
):
    card = add_document(issued.job, DocumentCategory.PERMIT, pdf_bytes("CARD"), "card.pdf", title="Permit card")
    issued.document = card
    issued.save()
    # Damaged in storage after it was checked on upload.
    default_storage.delete(card.file.name)
    assert default_storage.save(card.file.name, ContentFile(b"not a pdf")) == card.file.name
    with django_capture_on_commit_callbacks(execute=True):
        packet = services.permit_packet_request(permit=issued, by=coordinator)
    packet.refresh_from_db()
    assert packet.status == PacketStatus.FAILED
    assert "“Permit card” could not be added" in packet.error

    with django_capture_on_commit_callbacks(execute=True):
        retried = services.permit_packet_request(permit=issued, by=coordinator)
    assert retried.pk == packet.pk
    retried.refresh_from_db()
    assert retried.status == PacketStatus.FAILED
    assert retried.attempts == 1  # a fresh round of tries


def test_with_the_broker_down_the_packet_waits_and_the_relay_queues_it(
    issued, coordinator, company_clock, probe, django_capture_on_commit_callbacks
):
    with dead_broker(), django_capture_on_commit_callbacks(execute=True):
        packet = services.permit_packet_request(permit=issued, by=coordinator)
    packet.refresh_from_db()
    assert (packet.status, packet.enqueued_at) == (PacketStatus.QUEUED, None)
    assert services.permit_packet_render_relay() == (0, 0, 0)
    company_clock.shift(PACKET_RELAY_GRACE + timedelta(seconds=1))
    assert services.permit_packet_render_relay() == (1, 0, 0)
    assert queued_ids(probe) == [packet.pk]
    assert services.permit_packet_render_relay() == (0, 0, 0)


def test_a_packet_whose_worker_died_is_taken_back_then_failed_visibly(issued, company_clock, probe):
    start = timezone.now()

    def rendering(attempts):
        return PermitPacket.objects.create(
            permit=issued, fingerprint="x", status=PacketStatus.RENDERING, started_at=start, attempts=attempts
        )

    died, died_often = rendering(1), rendering(PACKET_MAX_ATTEMPTS)
    company_clock.shift(packet_lease() - timedelta(seconds=1))
    assert services.permit_packet_render_relay() == (0, 0, 0)
    company_clock.shift(seconds=2)
    assert services.permit_packet_render_relay() == (1, 1, 1)
    died.refresh_from_db()
    died_often.refresh_from_db()
    assert died.status == PacketStatus.QUEUED
    assert queued_ids(probe) == [died.pk]
    assert died_often.status == PacketStatus.FAILED
    assert f"{PACKET_MAX_ATTEMPTS} times" in died_often.error
