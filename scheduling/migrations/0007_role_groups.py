from django.db import migrations

from installops.roles import sync_role_groups


class Migration(migrations.Migration):
    dependencies = [("scheduling", "0006_booking_and_closeout_defaults")]

    operations = [migrations.RunPython(sync_role_groups, migrations.RunPython.noop)]
