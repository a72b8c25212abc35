from django.db import migrations

from installops.roles import sync_role_groups


class Migration(migrations.Migration):
    dependencies = [
        ("scheduling", "0003_dispatch_and_availability"),
    ]

    operations = [migrations.RunPython(sync_role_groups, migrations.RunPython.noop)]
