from pathlib import Path

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from installops.backups import BackupError
from installops.backups.archive import backup_create, backup_prune
from installops.backups.postgres import params_from_settings


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump, custom format) and every stored job file into one timestamped "
        "directory with a manifest of row counts and file checksums."
    )

    def add_arguments(self, parser):
        parser.add_argument("--to", type=Path, required=True, help="directory that receives the backup")
        parser.add_argument("--keep", type=int, help="then delete all but the newest KEEP backups there")

    def handle(self, *args, to: Path, keep: int | None, **options):
        params = params_from_settings(connections["default"].settings_dict)
        try:
            path = backup_create(to=to, params=params, storage=default_storage)
            removed = backup_prune(directory=to, keep=keep) if keep else []
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(str(path))
        for old in removed:
            self.stderr.write(f"removed the older backup {old}")
