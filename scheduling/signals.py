"""Events other apps subscribe to, so they depend on scheduling and never the other way round.

Every signal here is sent only after the transaction that made the change has committed, so a
receiver never sees (or texts a customer about) a change that was rolled back. Receivers get IDs,
not model instances, and only queue a Celery task with them (`task.delay_on_commit(...)`): the task
re-fetches and calls a service, so no request waits on another app's work. A receiver that raises is
logged and does not undo the change.
"""

from django.dispatch import Signal

# A visit moved along its dispatch line (or was cancelled / rescheduled).
# Arguments: visit_id, from_status, to_status, by_id (the user who set it, or None).
visit_dispatch_status_changed = Signal()

# A visit was booked. Arguments: visit_id, by_id.
visit_booked = Signal()

# A visit's crew, technician or time changed. Arguments: visit_id, by_id, time_changed (bool).
visit_moved = Signal()
