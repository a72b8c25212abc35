"""Twenty postings at once, each on its own database connection, one failing after it took its number:
the numbers stay contiguous, with no gap and no duplicate."""

import threading

import pytest
from django.db import connection

from billing.choices import InvoiceStatus
from billing.models import Invoice, NumberSequence
from billing.services import invoice_draft_from_job, invoice_post
from billing.services import invoice_posting as posting
from tests.billing.invoice_helpers import billable_job

pytestmark = pytest.mark.company_time("2026-11-24 09:00", tick=True)

POSTINGS = 20
FAILING = 10  # the one whose job move fails, after its number was taken


@pytest.mark.django_db(transaction=True)
def test_twenty_postings_at_once_with_one_failing_number_one_to_nineteen(accounting, monkeypatch):
    invoices = []
    for _ in range(POSTINGS):
        job, _, _ = billable_job()
        invoices.append(invoice_draft_from_job(job=job, by=accounting)[0])
    failing_job_id = invoices[FAILING].job_id
    real_follow = posting.job_follow_facts

    def follow_or_fail(*, job, **kwargs):
        if job.pk == failing_job_id:
            raise RuntimeError("the job could not be moved")
        return real_follow(job=job, **kwargs)

    monkeypatch.setattr(posting, "job_follow_facts", follow_or_fail)
    # The PDFs are not the point here (and would render in each thread): nothing is queued.
    monkeypatch.setattr("billing.services.invoice_pdfs.invoice_pdfs_enqueue", lambda **kwargs: True)

    start = threading.Barrier(POSTINGS)
    # The failing one waits until a few postings went through: it fails in the middle of the run, not first.
    some_posted = threading.Event()
    posted_count = iter(range(1, POSTINGS + 1))
    outcomes: dict[int, object] = {}

    def post(invoice):
        try:
            start.wait(timeout=30)
            if invoice.job_id == failing_job_id:
                some_posted.wait(timeout=60)
            outcomes[invoice.pk] = invoice_post(invoice=invoice, by=accounting)
            if next(posted_count) >= 5:
                some_posted.set()
        except Exception as error:
            outcomes[invoice.pk] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=(invoice,)) for invoice in invoices]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    failed = [pk for pk, outcome in outcomes.items() if isinstance(outcome, Exception)]
    assert failed == [invoices[FAILING].pk], outcomes
    posted = Invoice.objects.filter(status=InvoiceStatus.POSTED)
    assert sorted(posted.values_list("sequence", flat=True)) == list(range(1, POSTINGS))
    numbers = list(posted.values_list("number", flat=True))
    assert len(set(numbers)) == POSTINGS - 1
    assert "INV-2026-00019" in numbers
    assert "INV-2026-00020" not in numbers
    assert NumberSequence.objects.get(kind="invoice", year=2026).last_number == POSTINGS - 1
    left = Invoice.objects.get(pk=invoices[FAILING].pk)
    assert (left.status, left.number, left.sequence) == (InvoiceStatus.DRAFT, "", None)
