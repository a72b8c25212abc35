"""Registering an installed unit's warranty with its manufacturer: the one record that it is registered."""

from datetime import date

from django.db import transaction

from installops.clock import company_today
from installops.date_window import date_window_refusal
from installops.errors import DomainError, full_clean_or_refuse
from installops.history import history_note
from jobs.models import InstalledEquipment

from ..models import WarrantyRegistration
from ..selectors.warranties import warranty_unit_due_on


def warranty_register(
    *, unit: InstalledEquipment, confirmation_number: str, registered_on: date, by
) -> WarrantyRegistration:
    """Record that `unit` was registered with its manufacturer, with the confirmation number they gave."""
    confirmation_number = confirmation_number.strip()
    if not confirmation_number:
        raise DomainError("Enter the confirmation number the manufacturer gave.", field="confirmation_number")
    refusal = date_window_refusal(registered_on)
    if refusal:
        raise DomainError(refusal, field="registered_on")
    if registered_on > company_today():
        raise DomainError("That day has not come yet.", field="registered_on")
    with transaction.atomic():
        # Two people registering the same serial at once: the second waits, then is told.
        unit = InstalledEquipment.objects.select_for_update().get(pk=unit.pk)
        existing = WarrantyRegistration.objects.filter(unit=unit).first()
        if existing is not None:
            raise DomainError(
                f"Serial {unit.serial_number} is already registered (conf. #{existing.confirmation_number})."
            )
        terms, due_on = warranty_unit_due_on(unit)
        if terms is None:
            raise DomainError(
                f"There are no warranty terms for {unit.manufacturer or 'this brand'}: add the brand's terms first."
            )
        registration = WarrantyRegistration(
            unit=unit,
            terms=terms,
            due_on=due_on,
            confirmation_number=confirmation_number,
            registered_on=registered_on,
            registered_by=by,
        )
        full_clean_or_refuse(registration, validate_unique=False)
        history_note(registration, by=by, reason="Registered with the manufacturer")
        registration.save()
    return registration
