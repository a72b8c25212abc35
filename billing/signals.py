"""billing's events, sent after the transaction that made them commits, with IDs only.

`invoice_delivery_requested(delivery_id)`: an invoice is to be emailed (notifications builds the
message, attaches the PDF, sends it and reports back through `billing.services.invoice_delivery_settle`).
"""

from django.dispatch import Signal

invoice_delivery_requested = Signal()
