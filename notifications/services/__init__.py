"""Every write of the messaging side. One module per concern:

queueing        building messages and storing them once (idempotency keys), handing them to workers
recipients      where a customer or an employee gets messages, or why not
confirmations   the confirmation sweep, the customers' answers and the office's calls
page_outs       the evening page-out, its escalation, the crew's acknowledgement
catch_up        a visit booked into tomorrow after the sweeps ran
changes         a visit moved, called off or booked after people were told: they hear of it
on_my_way       "the crew is on the way"
rendering       what a message says (the office's templates, fresh data)
sending         sending one message once, settling what a dead worker left, resending a failed one
relay           the outbox relay: queues again what the broker never got (messages, owed event tasks)
errors          how sending can fail
permit_digest   the install administrators' morning email of the permit follow-up list
invoices        an invoice emailed to its customer with its PDF, the outcome told to billing
warranty_digest accounting's morning email of the warranty registrations due and overdue
"""

from .catch_up import (
    visit_messages_catch_up,
)
from .changes import (
    change_audience_words,
    visit_change_notify,
)
from .confirmations import (
    CUSTOMER_OUTCOMES,
    confirmation_sweep,
    visit_confirmation_record,
)
from .errors import (
    MessageInFlight,
    PermanentSendError,
    TransientSendError,
)
from .invoices import (
    invoice_email_queue,
)
from .on_my_way import (
    on_my_way_notify,
)
from .page_outs import (
    crew_page_acknowledge,
    crew_page_send_again,
    page_escalation_sweep,
    page_out_sweep,
)
from .permit_digest import (
    permit_digest_sweep,
)
from .queueing import (
    SweepResult,
    message_build,
    message_key,
    messages_enqueue,
    messages_queue,
    messages_to_customer,
    messages_to_employee,
)
from .recipients import (
    customer_address,
    employee_address,
)
from .relay import (
    RelayResult,
    messages_relay,
    owed_task_add,
    owed_task_done,
    owed_tasks_enqueue,
)
from .rendering import (
    company_details,
    message_context,
    message_render,
    template_cache_clear,
    template_for,
    visit_arrival_text,
)
from .sending import (
    message_claim,
    message_hand_over,
    message_resend,
    message_retry_planned,
    message_send,
    messages_settle_stuck,
    sending_lease,
)
from .warranty_digest import (
    warranty_digest_sweep,
)

__all__ = [
    "CUSTOMER_OUTCOMES",
    "MessageInFlight",
    "PermanentSendError",
    "RelayResult",
    "SweepResult",
    "TransientSendError",
    "change_audience_words",
    "company_details",
    "confirmation_sweep",
    "crew_page_acknowledge",
    "crew_page_send_again",
    "customer_address",
    "employee_address",
    "invoice_email_queue",
    "message_build",
    "message_claim",
    "message_context",
    "message_hand_over",
    "message_key",
    "message_render",
    "message_resend",
    "message_retry_planned",
    "message_send",
    "messages_enqueue",
    "messages_queue",
    "messages_relay",
    "messages_settle_stuck",
    "messages_to_customer",
    "messages_to_employee",
    "on_my_way_notify",
    "owed_task_add",
    "owed_task_done",
    "owed_tasks_enqueue",
    "page_escalation_sweep",
    "page_out_sweep",
    "permit_digest_sweep",
    "sending_lease",
    "template_cache_clear",
    "template_for",
    "visit_arrival_text",
    "visit_change_notify",
    "visit_confirmation_record",
    "visit_messages_catch_up",
    "warranty_digest_sweep",
]
