"""Events other apps subscribe to, so they depend on scheduling and never the other way round.

Every signal here is sent only after the transaction that made the change has committed, so a
receiver never sees (or texts a customer about) a change that was rolled back. Receivers get IDs,
not model instances, and only queue a Celery task with them (`task.delay_on_commit(...)`): the task
re-fetches and calls a service, so no request waits on another app's work. A receiver that raises is
logged and does not undo the change.
"""

from django.dispatch import Signal

# Every signal carries `change_id`, a string naming this one change for good (its VisitStatusChange or
# history row): a receiver keys its work on it, so a change handled twice is handled once.

# A visit moved along its dispatch line (or was cancelled / rescheduled / put on hold).
# Arguments: visit_id, from_status, to_status, by_id (the user who set it, or None), change_id.
visit_dispatch_status_changed = Signal()

# A visit was booked. Arguments: visit_id, by_id, change_id, rescheduled_from_id (the visit it
# replaces, or None).
visit_booked = Signal()

# A visit's crew, technician or time changed. Arguments: visit_id, by_id, time_changed (bool), change_id,
# and what it was before: old_starts_at (datetime), old_crew_id, old_technician_id (or None).
visit_moved = Signal()
