"""Many jobs, payments and fundings at once (bulk_create), for the constant-query tests."""

from datetime import date, timedelta
from decimal import Decimal

from billing.choices import FundingStatus, PaymentMethod
from billing.models import FinanceFunding, Payment
from jobs.models import Customer, FinanceCompany, Job, Site


def bulk_jobs(count: int, *, salesperson=None) -> list[Job]:
    start = Job.objects.count()
    customers = Customer.objects.bulk_create([Customer(name=f"Customer {n:05d}") for n in range(count)])
    sites = Site.objects.bulk_create(
        [Site(customer=c, street=f"{n} Main St", city="Fresno", zip_code="93711") for n, c in enumerate(customers)]
    )
    return Job.objects.bulk_create(
        [
            Job(number=f"B{start + n:06d}", customer=c, site=s, sold_on=date(2026, 1, 5), salesperson=salesperson)
            for n, (c, s) in enumerate(zip(customers, sites, strict=True))
        ]
    )


def bulk_payments(count: int, *, by) -> list[Payment]:
    jobs = bulk_jobs(count)
    return Payment.objects.bulk_create(
        [
            Payment(
                customer_id=job.customer_id,
                method=PaymentMethod.CHECK,
                reference=str(1000 + n),
                received_on=date(2026, 11, 1) + timedelta(days=n % 20),
                amount=Decimal("100.00"),
                recorded_by=by,
            )  # fmt: skip
            for n, job in enumerate(jobs)
        ]
    )


def bulk_requested_fundings(count: int) -> list[FinanceFunding]:
    company = FinanceCompany.objects.create(name="Bulk Finance")
    return FinanceFunding.objects.bulk_create(
        [
            FinanceFunding(
                job=job,
                finance_company=company,
                status=FundingStatus.REQUESTED,
                approved_amount=Decimal("9000.00"),
                approved_on=date(2026, 9, 1),
                certificate_signed_on=date(2026, 10, 1),
                requested_on=date(2026, 10, 2) + timedelta(days=n % 40),
                loan_number=f"L{n}",
            )  # fmt: skip
            for n, job in enumerate(bulk_jobs(count))
        ]
    )
