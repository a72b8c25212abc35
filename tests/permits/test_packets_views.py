"""The packet panel on the job page and the packets-to-mail queue: who does what, and at what cost."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from installops.choices import PrintJobStatus
from installops.models import PrintJob
from jobs.models import Customer, Job, Site
from permits.choices import PacketStatus, PermitStatus
from permits.models import Jurisdiction, Permit, PermitPacket
from tests.permits.factories import PermitFactory, PermitPacketFactory

pytestmark = [pytest.mark.django_db, pytest.mark.company_time("2026-03-09 10:00")]


def test_the_panel_offers_to_make_the_packet_once_the_permit_is_issued(client, coordinator):
    applied = PermitFactory(status=PermitStatus.APPLIED)
    client.force_login(coordinator)
    text = client.get(reverse("permits:packet_panel", args=[applied.job.pk])).content.decode()
    assert "once the permit is issued" in text
    assert 'data-testid="packet-make"' not in text

    issued = PermitFactory(status=PermitStatus.ISSUED, number="BLD-1")
    text = client.get(reverse("permits:packet_panel", args=[issued.job.pk])).content.decode()
    assert 'data-testid="packet-make"' in text


def test_making_the_packet_from_the_panel_shows_it_ready(client, coordinator, django_capture_on_commit_callbacks):
    issued = PermitFactory(status=PermitStatus.ISSUED, number="BLD-2")
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("permits:packet_request", args=[issued.job.pk]), headers={"HX-Request": "true"})
    assert response.status_code == 200
    packet = PermitPacket.objects.get(permit=issued)
    assert packet.status == PacketStatus.DONE
    text = client.get(reverse("permits:packet_panel", args=[issued.job.pk])).content.decode()
    assert reverse("permits:packet_download", args=[packet.pk]) in text
    assert 'data-testid="packet-mailed-form"' in text
    download = client.get(reverse("permits:packet_download", args=[packet.pk]))
    assert download["Content-Type"] == "application/pdf"


def test_making_a_packet_for_a_job_without_an_issued_permit_says_why(client, coordinator):
    applied = PermitFactory(status=PermitStatus.APPLIED)
    client.force_login(coordinator)
    response = client.post(reverse("permits:packet_request", args=[applied.job.pk]), headers={"HX-Request": "true"})
    assert "once the permit is issued and its number entered" in response.content.decode()
    assert not PermitPacket.objects.exists()


def test_print_sends_the_packet_to_the_printer_and_notes_who(client, coordinator, django_capture_on_commit_callbacks):
    packet = PermitPacketFactory()
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("permits:packet_print", args=[packet.pk]))
    assert response.status_code == 302
    job = PrintJob.objects.get()
    assert (job.file_name, job.status, job.requested_by) == (packet.file.name, PrintJobStatus.PRINTED, coordinator)
    assert packet.permit.number in job.label
    packet.refresh_from_db()
    assert packet.printed_by == coordinator
    assert packet.history.latest("history_id").history_change_reason == "Sent to the printer"


def test_recording_mailed_stamps_the_packet_and_the_permit_with_who_and_when(client, coordinator):
    packet = PermitPacketFactory()
    client.force_login(coordinator)
    response = client.post(reverse("permits:packet_mailed", args=[packet.pk]), {"mailed_on": "2026-03-06"})
    assert response.status_code == 302
    packet.refresh_from_db()
    assert (packet.mailed_on, packet.mailed_by) == (date(2026, 3, 6), coordinator)
    assert packet.permit.packet_mailed_on == date(2026, 3, 6)
    change = packet.history.latest("history_id")
    assert (change.history_user, change.history_change_reason) == (coordinator, "Mailed on Mar 6, 2026")
    assert packet.permit.history.latest("history_id").history_user == coordinator


def test_mailed_without_a_date_is_company_today_even_late_in_the_evening(client, coordinator, company_clock):
    company_clock("2026-03-09 23:30")
    packet = PermitPacketFactory()
    client.force_login(coordinator)
    client.post(reverse("permits:packet_mailed", args=[packet.pk]), {"mailed_on": ""})
    packet.refresh_from_db()
    assert packet.mailed_on == date(2026, 3, 9)


def test_a_mailed_date_in_the_future_is_refused_and_the_entry_kept(client, coordinator):
    packet = PermitPacketFactory()
    client.force_login(coordinator)
    response = client.post(
        reverse("permits:packet_mailed", args=[packet.pk]), {"mailed_on": "2026-03-10"}, headers={"HX-Request": "true"}
    )
    text = response.content.decode()
    assert "cannot be mailed in the future" in text
    assert 'value="2026-03-10"' in text
    packet.refresh_from_db()
    assert packet.mailed_on is None


def test_accounting_sees_the_packet_but_cannot_make_print_or_mail_it(client, accounting):
    packet = PermitPacketFactory()
    client.force_login(accounting)
    text = client.get(reverse("permits:packet_panel", args=[packet.permit.job.pk])).content.decode()
    assert reverse("permits:packet_download", args=[packet.pk]) in text
    assert 'data-testid="packet-make"' not in text
    assert 'data-testid="packet-print"' not in text
    assert 'data-testid="packet-mailed-form"' not in text
    assert client.post(reverse("permits:packet_mailed", args=[packet.pk])).status_code == 403


def test_installers_and_sales_do_not_get_the_packet(client, installer, salesperson):
    packet = PermitPacketFactory(permit__job__salesperson=salesperson)
    for user in (installer, salesperson):
        client.force_login(user)
        assert client.get(reverse("permits:packet_panel", args=[packet.permit.job.pk])).status_code == 403
        assert client.get(reverse("permits:packet_download", args=[packet.pk])).status_code == 403


# ------------------------------------------------------------------ the packets to mail


def packets_to_mail(count: int) -> list[PermitPacket]:
    """`count` issued permits, each with a made packet not yet mailed, the oldest made first (bulk)."""
    jurisdiction = Jurisdiction.objects.create(name="County of Fresno")
    customers = Customer.objects.bulk_create([Customer(name=f"Customer {n:05d}") for n in range(count)])
    sites = Site.objects.bulk_create(
        [Site(customer=c, street=f"{n} Main St", city="Fresno", zip_code="93711") for n, c in enumerate(customers)]
    )
    jobs = Job.objects.bulk_create(
        [
            Job(number=f"Q{n:05d}", customer=c, site=s, sold_on=date(2026, 1, 5))
            for n, (c, s) in enumerate(zip(customers, sites, strict=True))
        ]
    )
    permits = Permit.objects.bulk_create(
        [
            Permit(job=j, jurisdiction=jurisdiction, status=PermitStatus.ISSUED, number=f"P-{n:05d}")
            for n, j in enumerate(jobs)
        ]
    )
    start = timezone.now() - timedelta(days=3)
    return PermitPacket.objects.bulk_create(
        [
            PermitPacket(
                permit=p,
                status=PacketStatus.DONE,
                fingerprint="f",
                file=f"permits/{p.pk}/packet.pdf",
                finished_at=start + timedelta(minutes=count - n),  # the last made first
                requested_at=start,
            )
            for n, p in enumerate(permits)
        ]
    )


@pytest.mark.parametrize("count", [10, 5000])
def test_the_queue_costs_the_same_queries_whatever_its_length(
    client, coordinator, django_assert_max_num_queries, count
):
    packets_to_mail(count)
    client.force_login(coordinator)
    with django_assert_max_num_queries(9):
        response = client.get(reverse("permits:packet_queue"))
    assert response.status_code == 200
    assert response.content.decode().count('data-testid="packet-row"') == min(count, 100)


def test_the_queue_lists_oldest_first_only_each_permit_s_newest_packet_not_mailed(client, coordinator):
    oldest, newer, mailed = packets_to_mail(3)[::-1]
    PermitPacket.objects.filter(pk=mailed.pk).update(mailed_on=date(2026, 3, 9))
    # The permit was made a packet again: only that one is to mail.
    again = PermitPacketFactory(permit=newer.permit, finished_at=timezone.now())
    PermitPacketFactory(permit=oldest.permit, status=PacketStatus.FAILED, file="", requested_at=oldest.requested_at)
    not_issued = PermitPacketFactory(permit__status=PermitStatus.APPLIED, permit__number="")
    client.force_login(coordinator)
    response = client.get(reverse("permits:packet_queue"))
    rows = [packet.pk for packet in response.context["packets"]]
    assert rows == [oldest.pk, again.pk]
    assert not_issued.pk not in rows


def test_print_all_sends_the_queue_oldest_first_in_a_fixed_number_of_queries(
    client, coordinator, django_assert_max_num_queries
):
    packets = packets_to_mail(30)
    client.force_login(coordinator)
    with django_assert_max_num_queries(14):
        response = client.post(reverse("permits:packet_queue_print"))
    assert response.status_code == 302
    printed = list(PrintJob.objects.order_by("pk").values_list("label", flat=True))
    assert len(printed) == 30
    assert printed[0].startswith(f"Permit packet {packets[-1].permit.number}")
    assert PermitPacket.objects.filter(printed_by=coordinator).count() == 30
    # Pressed twice: what is still on its way is not printed again.
    PrintJob.objects.update(status=PrintJobStatus.QUEUED)
    client.post(reverse("permits:packet_queue_print"))
    assert PrintJob.objects.count() == 30


def test_mark_mailed_from_the_queue_goes_back_to_the_queue_without_it(client, coordinator):
    first, second = packets_to_mail(2)
    client.force_login(coordinator)
    response = client.post(
        reverse("permits:packet_mailed", args=[first.pk]), {"mailed_on": "2026-03-09", "return_to": "queue"}
    )
    assert response["Location"] == reverse("permits:packet_queue")
    rows = [packet.pk for packet in client.get(reverse("permits:packet_queue")).context["packets"]]
    assert rows == [second.pk]


@pytest.mark.parametrize("count", [10, 5000])
def test_the_panel_costs_the_same_queries_however_many_packets_exist(
    client, coordinator, django_assert_max_num_queries, count
):
    packets = packets_to_mail(count)
    job = packets[0].permit.job
    client.force_login(coordinator)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("permits:packet_panel", args=[job.pk]))
    assert 'data-testid="packet-mailed-form"' in response.content.decode()


def test_the_checked_packets_are_marked_mailed_together_with_their_history(client, coordinator):
    first, second, third = packets_to_mail(3)
    client.force_login(coordinator)
    response = client.post(
        reverse("permits:packet_queue_mailed"), {"packets": [first.pk, third.pk], "mailed_on": "2026-03-09"}
    )
    assert response["Location"] == reverse("permits:packet_queue")
    mailed = PermitPacket.objects.filter(mailed_on=date(2026, 3, 9), mailed_by=coordinator)
    assert set(mailed.values_list("pk", flat=True)) == {first.pk, third.pk}
    assert Permit.objects.get(pk=third.permit_id).packet_mailed_on == date(2026, 3, 9)
    assert PermitPacket.history.filter(id=first.pk, history_user=coordinator).exists()
    rows = [packet.pk for packet in client.get(reverse("permits:packet_queue")).context["packets"]]
    assert rows == [second.pk]


def test_marking_none_or_a_future_day_changes_nothing_and_says_why(client, coordinator):
    first, _second = packets_to_mail(2)
    client.force_login(coordinator)
    response = client.post(reverse("permits:packet_queue_mailed"), {"mailed_on": "2026-03-09"}, follow=True)
    assert "Check the packets that went in the mail." in response.content.decode()
    response = client.post(
        reverse("permits:packet_queue_mailed"), {"packets": [first.pk], "mailed_on": "2026-03-12"}, follow=True
    )
    assert "cannot be mailed in the future" in response.content.decode()
    assert not PermitPacket.objects.filter(mailed_on__isnull=False).exists()
