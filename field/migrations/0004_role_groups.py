from django.db import migrations

from installops.roles import sync_role_groups


class Migration(migrations.Migration):
    """The roles' permissions, now that every one of them is checked by some page."""

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("jobs", "0004_default_required_paperwork"),
        ("scheduling", "0008_visit_moved_at"),
        ("notifications", "0005_fewer_indexes"),
        ("field", "0003_beat_schedule"),
    ]

    operations = [migrations.RunPython(sync_role_groups, migrations.RunPython.noop)]
