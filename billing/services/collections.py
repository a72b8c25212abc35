"""Chasing what customers owe: the collection log."""

from datetime import date
from decimal import Decimal

from django.db import transaction

from installops.clock import company_today
from installops.errors import DomainError, full_clean_or_refuse
from jobs.models import Customer

from ..choices import CollectionContact
from ..models import CollectionNote


def collection_note_add(
    *,
    customer: Customer,
    contact: str,
    note: str,
    promised_amount: Decimal | None = None,
    promised_on: date | None = None,
    by,
) -> CollectionNote:
    """Write down one contact with a customer about their balance, and any promise to pay they made."""
    if contact not in CollectionContact.values:
        raise DomainError("Choose how you reached the customer.", field="contact")
    if not note.strip():
        raise DomainError("Write what was said.", field="note")
    if promised_amount is not None and promised_on is None:
        raise DomainError("A promise to pay needs the day they promised to pay by.", field="promised_on")
    if promised_on is not None and promised_on < company_today():
        raise DomainError("A promise to pay is for today or a later day.", field="promised_on")
    with transaction.atomic():
        record = CollectionNote(
            customer=customer,
            contact=contact,
            note=note.strip(),
            promised_amount=promised_amount,
            promised_on=promised_on,
            created_by=by,
        )
        full_clean_or_refuse(record)
        record.save()
    return record
