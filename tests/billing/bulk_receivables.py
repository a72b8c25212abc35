"""Many posted invoices at once (bulk_create, a few queries) for the pages' query-count tests."""

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from billing.choices import CollectionContact, InvoiceKind, InvoiceStatus, PaymentKind, PaymentMethod
from billing.models import CollectionNote, Invoice, Payment, PaymentApplication
from installops.clock import company_today
from jobs.models import Customer, Job, Site
from tests.jobs.factories import UserFactory


def bulk_receivables(invoices: int) -> None:
    """`invoices` posted invoices, two per customer, spread over every aging bucket; half the customers
    paid part (the odd ones), and every fourth has a collection note with a promise: due today, broken or to come."""
    today = company_today()
    user = UserFactory(username="bulk_clerk")
    count = max(1, invoices // 2)
    customers = Customer.objects.bulk_create(Customer(name=f"Bulk customer {index:05d}") for index in range(count))
    sites = Site.objects.bulk_create(
        Site(customer=customer, street="1 Main St", city="Fresno") for customer in customers
    )
    jobs = Job.objects.bulk_create(
        Job(
            number=f"B{index:06d}", customer=customer, site=site, sold_on=today - timedelta(days=200), contract_amount=0
        )
        for index, (customer, site) in enumerate(zip(customers, sites, strict=True))
    )
    rows = []
    for index in range(invoices):
        job = jobs[index % count]
        on = today - timedelta(days=(index * 7) % 150)
        rows.append(
            Invoice(
                kind=InvoiceKind.INVOICE, status=InvoiceStatus.POSTED, job=job, customer_id=job.customer_id,
                number=f"INV-BULK-{index:06d}", year=2000, sequence=index + 1, invoice_date=on,
                due_date=on + timedelta(days=15) if index % 3 else None, subtotal=Decimal("500.00"),
                total=Decimal("500.00"), posted_at=timezone.now(), created_by=user,
            )
        )  # fmt: skip
    posted = Invoice.objects.bulk_create(rows)
    payments = Payment.objects.bulk_create(
        Payment(customer=customer, method=PaymentMethod.CHECK, received_on=today - timedelta(days=3),
                amount=Decimal("200.00"), recorded_by=user, kind=PaymentKind.PAYMENT)
        for customer in customers[1::2]
    )  # fmt: skip
    by_customer = {invoice.customer_id: invoice for invoice in posted}
    PaymentApplication.objects.bulk_create(
        PaymentApplication(payment=payment, invoice=by_customer[payment.customer_id], amount=Decimal("150.00"),
                           applied_on=payment.received_on, applied_by=user)
        for payment in payments
    )  # fmt: skip
    made = timezone.make_aware(datetime.combine(today - timedelta(days=10), time(10)))
    CollectionNote.objects.bulk_create(
        CollectionNote(customer=customer, contact=CollectionContact.CALL, note="Said the check is in the mail",
                       promised_amount=Decimal("100.00"), promised_on=today - timedelta(days=index % 3),
                       created_by=user)
        for index, customer in enumerate(customers[::4])
    )  # fmt: skip
    CollectionNote.objects.update(created_at=made)  # auto_now_add wrote now
