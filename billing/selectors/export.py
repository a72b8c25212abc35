"""The accounting export: posted invoices, credit notes, payments, refunds and dealer fees of a date
range as CSV, in the layout docs/accounting-export.md describes. The same range always gives the
same bytes: a fixed order, fixed number formatting, and nothing about when it was made."""

import csv
import io
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import cast

from ..choices import FundingStatus, InvoiceKind, InvoiceStatus, PaymentKind
from ..models import FinanceFunding, Invoice, Payment
from ..money import cents

EXPORT_COLUMNS = [
    "date",
    "type",
    "number",
    "customer_id",
    "customer",
    "job",
    "applies_to",
    "method",
    "reference",
    "net",
    "tax",
    "amount",
]

# Within a day, documents in this order, then by number.
TYPE_ORDER = {"invoice": 0, "credit_note": 1, "payment": 2, "refund": 3, "dealer_fee": 4}


@dataclass(frozen=True)
class ExportRow:
    on: date
    type: str
    number: str
    customer_id: int
    customer: str
    job: str
    applies_to: str
    method: str
    reference: str
    net: Decimal
    tax: Decimal
    amount: Decimal

    def sort_key(self) -> tuple:
        return (self.on, TYPE_ORDER[self.type], self.number)

    def cells(self) -> list[str]:
        return [
            self.on.isoformat(),
            self.type,
            self.number,
            str(self.customer_id),
            _text(self.customer),
            _text(self.job),
            self.applies_to,
            self.method,
            _text(self.reference),
            _money(self.net),
            _money(self.tax),
            _money(self.amount),
        ]


def _text(value: str) -> str:
    """Typed text as a spreadsheet will not run it: a leading =, +, - or @ gets a quote in front."""
    return f"'{value}" if value[:1] in ("=", "+", "-", "@") else value


def _money(value: Decimal) -> str:
    """Two places, a leading minus, no thousands separator: 1234.50, -20.00, 0.00."""
    rounded = cents(value)
    return f"{rounded + 0:.2f}"  # + 0 turns -0.00 into 0.00


def payment_number(payment: Payment) -> str:
    prefix = "RFD" if payment.kind == PaymentKind.REFUND else "PMT"
    return f"{prefix}-{payment.pk:06d}"


def accounting_export_rows(*, start: date, end: date) -> list[ExportRow]:
    """Every row of the export for `start`..`end` (inclusive), in the file's order. Three queries."""
    rows: list[ExportRow] = []
    documents = Invoice.objects.filter(
        status=InvoiceStatus.POSTED, invoice_date__gte=start, invoice_date__lte=end
    ).select_related("customer", "job", "credited_invoice")
    # Posted documents always have their date (a constraint), funded fundings their day and fee.
    for document in documents:
        sign = Decimal(1) if document.kind == InvoiceKind.INVOICE else Decimal(-1)
        rows.append(
            ExportRow(
                cast(date, document.invoice_date), document.kind, document.number, document.customer_id,
                document.customer.name, document.job.number,
                document.credited_invoice.number if document.credited_invoice else "", "", "",
                sign * document.subtotal, sign * document.tax, sign * document.total,
            )
        )  # fmt: skip
    payments = Payment.objects.filter(received_on__gte=start, received_on__lte=end).select_related("customer")
    for payment in payments:
        sign = Decimal(1) if payment.kind == PaymentKind.REFUND else Decimal(-1)
        rows.append(
            ExportRow(
                payment.received_on, payment.kind, payment_number(payment), payment.customer_id,
                payment.customer.name, "", "", payment.method, payment.reference,
                sign * payment.amount, Decimal(0), sign * payment.amount,
            )
        )  # fmt: skip
    fundings = FinanceFunding.objects.filter(
        status__in=[FundingStatus.FUNDED, FundingStatus.RECONCILED],
        funded_on__gte=start,
        funded_on__lte=end,
        dealer_fee__gt=0,
    ).select_related("job__customer", "finance_company", "payment")
    for funding in fundings:
        fee = cast(Decimal, funding.dealer_fee)  # the query asked for funded rows with a fee
        rows.append(
            ExportRow(
                cast(date, funding.funded_on), "dealer_fee", f"FEE-{funding.pk:06d}", funding.job.customer_id,
                funding.job.customer.name, funding.job.number,
                payment_number(funding.payment) if funding.payment else "", funding.finance_company.name,
                funding.loan_number, fee, Decimal(0), fee,
            )
        )  # fmt: skip
    return sorted(rows, key=ExportRow.sort_key)


def accounting_export_csv(*, start: date, end: date) -> bytes:
    """The file's bytes: UTF-8, comma-separated, CRLF line ends, a header row, then `accounting_export_rows`."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(EXPORT_COLUMNS)
    for row in accounting_export_rows(start=start, end=end):
        writer.writerow(row.cells())
    return buffer.getvalue().encode("utf-8")
