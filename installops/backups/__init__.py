"""Backups: the database (pg_dump's custom format) and every stored file, in one timestamped
directory with a manifest (each table's row count, each file's size and SHA-256), and the restore
into a fresh database and an empty media store that checks the result against that manifest.

`manage.py backup` / `manage.py restore` (wrapped by bin/backup and bin/restore); see docs/deploy.md.
"""


class BackupError(Exception):
    """A backup or a restore cannot go on; the message says why and what to do."""
