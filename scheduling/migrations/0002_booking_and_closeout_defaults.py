"""Starting reference data an office edits in Django admin: durations per job kind, equipment that
changes a booking, and the close-out checklist per job kind."""

from decimal import Decimal

from django.db import migrations

HOURS = {
    "install": "8",
    "warranty": "2",
    "correction": "2",
    "follow_up": "1",
    "failed_hers": "2",
    "parts_return": "1",
    "final_inspection": "1.5",
    "maintenance": "1.5",
}
EQUIPMENT = [("crane", "2", "Crane sets"), ("multi-zone", "3", "Mini-splits"), ("mini-split", "2", "Mini-splits"),
             ("heat pump", "1", "Heat pumps"), ("duct", "4", "Ductwork"), ("package", "1", "Package units")]
CHECKLIST = {
    "install": [
        "Old equipment removed and hauled away",
        "System started up and tested: charge, airflow, temperature split",
        "Model and serial numbers recorded",
        "Photos taken: outdoor unit, indoor unit, line set, thermostat",
        "Customer walked through the thermostat and filter",
        "Title 24 / HERS paperwork left with the customer",
    ],
    "warranty": ["Failed part identified", "Part replaced or ordered", "System tested after repair"],
    "correction": ["Correction done as written up", "System tested after the correction"],
    "failed_hers": ["Failed items corrected", "Re-test booked with the HERS rater"],
    "follow_up": ["Customer's concern resolved"],
    "parts_return": ["Part returned to the warehouse with its tag"],
    "final_inspection": ["Inspector signed off", "Inspection card photographed"],
    "maintenance": ["Filter changed", "Coils checked", "Club membership offered or renewed"],
}


def create_defaults(apps, schema_editor):
    BookingDefault = apps.get_model("scheduling", "BookingDefault")
    EquipmentRule = apps.get_model("scheduling", "EquipmentRule")
    CloseoutItem = apps.get_model("scheduling", "CloseoutItem")
    Skill = apps.get_model("scheduling", "Skill")
    for kind, hours in HOURS.items():
        default, _ = BookingDefault.objects.get_or_create(kind=kind, defaults={"estimated_hours": Decimal(hours)})
        if kind == "install":
            default.skills.add(Skill.objects.get_or_create(name="Split systems")[0])
    for keyword, hours, skill in EQUIPMENT:
        EquipmentRule.objects.get_or_create(
            keyword=keyword,
            defaults={"extra_hours": Decimal(hours), "skill": Skill.objects.get_or_create(name=skill)[0]},
        )
    for kind, labels in CHECKLIST.items():
        for position, label in enumerate(labels):
            CloseoutItem.objects.get_or_create(kind=kind, label=label, defaults={"position": position})


class Migration(migrations.Migration):
    dependencies = [("scheduling", "0001_initial")]

    operations = [migrations.RunPython(create_defaults, migrations.RunPython.noop)]
