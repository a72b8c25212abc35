from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("field", "0005_phone_inspection_requests_become_inspections"),
    ]

    operations = [
        migrations.DeleteModel(name="InspectionRequest"),
    ]
