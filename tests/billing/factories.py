from datetime import date
from decimal import Decimal

import factory

from billing.choices import InvoiceKind, InvoiceStatus, LineKind, PaymentMethod
from billing.models import ChangeOrder, FinanceFunding, Invoice, InvoiceLine, Payment
from tests.jobs.factories import FinanceCompanyFactory, JobFactory, UserFactory


class InvoiceFactory(factory.django.DjangoModelFactory):
    """A draft invoice for a job; post it with the billing services, never by setting fields."""

    class Meta:
        model = Invoice

    kind = InvoiceKind.INVOICE
    status = InvoiceStatus.DRAFT
    job = factory.SubFactory(JobFactory)
    customer = factory.SelfAttribute("job.customer")
    invoice_date = factory.LazyFunction(lambda: date(2026, 11, 2))
    created_by = factory.SubFactory(UserFactory)


class InvoiceLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InvoiceLine

    invoice = factory.SubFactory(InvoiceFactory)
    kind = LineKind.OTHER
    description = factory.Sequence(lambda n: f"Line {n}")
    quantity = Decimal("1")
    unit_price = Decimal("100.00")


class ChangeOrderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChangeOrder

    job = factory.SubFactory(JobFactory)
    description = "Replace the return plenum"
    amount = Decimal("450.00")
    created_by = factory.SubFactory(UserFactory)


class PaymentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Payment

    customer = factory.SubFactory("tests.jobs.factories.CustomerFactory")
    method = PaymentMethod.CHECK
    reference = factory.Sequence(lambda n: f"{1000 + n}")
    received_on = factory.LazyFunction(lambda: date(2026, 11, 10))
    amount = Decimal("500.00")
    recorded_by = factory.SubFactory(UserFactory)


class FinanceFundingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FinanceFunding

    job = factory.SubFactory(JobFactory)
    finance_company = factory.SubFactory(FinanceCompanyFactory)
    approved_amount = Decimal("12000.00")
    approved_on = factory.LazyFunction(lambda: date(2026, 10, 1))
