"""Sending a posted invoice: by email with its PDF through the message log, or onto the print-and-mail queue."""

from datetime import date

import pytest
from django.core import mail
from django.urls import reverse

from billing.choices import DeliveryMethod, DeliveryStatus
from billing.models import InvoiceDelivery
from billing.selectors import invoice_mail_queue
from billing.services import (
    invoice_deliveries_print,
    invoice_deliveries_record_mailed,
    invoice_draft_from_job,
    invoice_email,
    invoice_mail,
    invoice_post,
)
from installops.errors import DomainError
from installops.models import PrintJob
from notifications.choices import MessageKind, MessageStatus
from notifications.models import Message, OwedTask
from notifications.services import invoice_email_queue, message_resend
from notifications.tasks import invoice_email_task
from tests.billing.invoice_helpers import billable_job

pytestmark = [pytest.mark.django_db, pytest.mark.company_time("2026-11-24 09:00")]


@pytest.fixture
def posted(accounting, django_capture_on_commit_callbacks):
    def make(**customer):
        job, _, _ = billable_job(**{f"customer__{name}": value for name, value in customer.items()})
        invoice, _ = invoice_draft_from_job(job=job, by=accounting)
        with django_capture_on_commit_callbacks(execute=True):
            return invoice_post(invoice=invoice, by=accounting)

    return make


def test_emailing_sends_the_pdf_through_the_message_log_and_marks_the_delivery_sent(
    posted, accounting, django_capture_on_commit_callbacks
):
    invoice = posted(name="Rosa Delgado", email="rosa@example.com")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        delivery = invoice_email(invoice=invoice, by=accounting)

    (email,) = mail.outbox
    assert email.to == ["rosa@example.com"]
    assert email.subject == "Your invoice INV-2026-00001 from Valley Comfort Heating & Air"
    assert "Dear Rosa Delgado" in email.body
    assert "It is due by December 24, 2026" in email.body
    ((name, content, kind),) = email.attachments
    assert (name, kind) == ("INV-2026-00001.pdf", "application/pdf")
    assert content.startswith(b"%PDF")
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SENT
    message = Message.objects.get(kind=MessageKind.INVOICE)
    assert (message.job_id, message.status) == (invoice.job_id, MessageStatus.SENT)
    assert not OwedTask.objects.exists()


def test_the_task_run_twice_queues_one_message(posted, accounting, django_capture_on_commit_callbacks):
    invoice = posted(email="rosa@example.com")
    delivery = InvoiceDelivery.objects.create(
        invoice=invoice, method=DeliveryMethod.EMAIL, address="rosa@example.com", requested_by=accounting,
        requested_at=invoice.posted_at,
    )  # fmt: skip
    mail.outbox.clear()
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            invoice_email_task.apply(args=[delivery.pk]).get()
    assert Message.objects.filter(kind=MessageKind.INVOICE).count() == 1
    assert len(mail.outbox) == 1


def test_a_failed_email_is_visible_on_the_delivery_and_the_message_and_can_be_sent_again(
    posted, accounting, monkeypatch, django_capture_on_commit_callbacks
):
    invoice = posted(email="rosa@example.com")

    def refuse(self, *args, **kwargs):
        raise type("SMTPRecipientsRefused", (Exception,), {})("mailbox unavailable")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    with django_capture_on_commit_callbacks(execute=True):
        delivery = invoice_email(invoice=invoice, by=accounting)
    delivery.refresh_from_db()
    message = Message.objects.get(kind=MessageKind.INVOICE)
    assert delivery.status == DeliveryStatus.FAILED
    assert "mailbox unavailable" in delivery.error
    assert message.status == MessageStatus.FAILED

    monkeypatch.undo()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        message_resend(message=message, by=accounting)
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SENT
    assert len(mail.outbox) == 1


def test_a_customer_without_email_goes_on_the_print_and_mail_queue(posted, accounting):
    invoice = posted(email="", billing_street="12 Elm St", billing_city="Fresno", billing_zip="93701")
    delivery = invoice_email(invoice=invoice, by=accounting)
    assert delivery.method == DeliveryMethod.MAIL
    assert delivery.address == "12 Elm St, Fresno, CA, 93701"
    assert invoice_mail(invoice=invoice, by=accounting).pk == delivery.pk  # one waiting copy
    opted_out = posted(email="no@example.com", email_opt_out=True)
    assert invoice_email(invoice=opted_out, by=accounting).method == DeliveryMethod.MAIL
    assert invoice_email_queue(delivery_id=delivery.pk) is None


def test_the_mail_queue_prints_and_records_mailed(posted, accounting):
    first = invoice_mail(invoice=posted(email=""), by=accounting)
    second = invoice_mail(invoice=posted(email=""), by=accounting)
    deliveries, total = invoice_mail_queue()
    assert [d.pk for d in deliveries] == [first.pk, second.pk]
    assert total == 2

    jobs = invoice_deliveries_print(deliveries=deliveries, by=accounting)
    assert [job.label.split(" · ")[0] for job in jobs] == ["Invoice INV-2026-00001", "Invoice INV-2026-00002"]
    assert PrintJob.objects.count() == 2

    with pytest.raises(DomainError):
        invoice_deliveries_record_mailed(deliveries=[first], by=accounting, mailed_on=date(2026, 11, 30))
    invoice_deliveries_record_mailed(deliveries=[first], by=accounting, mailed_on=date(2026, 11, 24))
    first.refresh_from_db()
    assert (first.status, first.mailed_on, first.mailed_by) == (DeliveryStatus.MAILED, date(2026, 11, 24), accounting)
    assert [d.pk for d in invoice_mail_queue()[0]] == [second.pk]


def test_a_draft_is_not_sent(accounting):
    job, _, _ = billable_job()
    invoice, _ = invoice_draft_from_job(job=job, by=accounting)
    with pytest.raises(DomainError, match="Post the invoice"):
        invoice_email(invoice=invoice, by=accounting)


def test_the_mail_queue_page_and_its_buttons(client, posted, accounting):
    delivery = invoice_mail(invoice=posted(email=""), by=accounting)
    client.force_login(accounting)
    page = client.get(reverse("billing:invoice_mail_queue"))
    assert page.status_code == 200
    assert "INV-2026-00001" in page.content.decode()
    response = client.post(
        reverse("billing:invoice_mail_queue_mailed"), {"deliveries": [delivery.pk], "mailed_on": "2026-11-24"}
    )
    assert response.status_code == 302
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.MAILED
