"""Subcontractor bookings and time off once accepted at the very end of 9999 were stored in the year
10000 (UTC), which Python cannot read: the job's visits panel failed on every load and no page could
remove them. They were never real bookings; the forms now refuse any day outside the company's window.
"""

from django.db import migrations

UNREADABLE = "'10000-01-01 00:00:00+00'::timestamptz"
TABLES = [
    "scheduling_subcontractorbooking",
    "scheduling_historicalsubcontractorbooking",
    "scheduling_timeoff",
    "scheduling_historicaltimeoff",
]


class Migration(migrations.Migration):
    dependencies = [
        ("scheduling", "0003_visit_on_hold"),
    ]

    operations = [
        migrations.RunSQL(
            [f"DELETE FROM {table} WHERE starts_at >= {UNREADABLE} OR ends_at >= {UNREADABLE}" for table in TABLES],
            reverse_sql=migrations.RunSQL.noop,
        ),
    ]
