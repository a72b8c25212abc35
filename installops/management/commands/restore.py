from pathlib import Path

import environ
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.management.base import BaseCommand, CommandError

from installops.backups import BackupError
from installops.backups.postgres import params_from_settings
from installops.backups.restore import backup_restore


class Command(BaseCommand):
    help = (
        "Restore a backup into a freshly created, empty database and an empty media store, then check "
        "every table's row count and every file's checksum against the backup's manifest."
    )

    def add_arguments(self, parser):
        parser.add_argument("backup", type=Path, help="a directory written by `manage.py backup`")
        parser.add_argument(
            "--database-url", required=True, help="the empty database to restore into: postgres://user@host/name"
        )
        parser.add_argument(
            "--media-root", type=Path, help="an empty directory for the files (default: the configured storage)"
        )

    def handle(self, *args, backup: Path, database_url: str, media_root: Path | None, **options):
        params = params_from_settings(environ.Env.db_url_config(database_url))
        storage = FileSystemStorage(location=media_root) if media_root else default_storage
        try:
            problems = backup_restore(source=backup, params=params, storage=storage)
        except BackupError as error:
            raise CommandError(str(error)) from None
        if problems:
            raise CommandError("restored, but it does not match the manifest:\n" + "\n".join(problems))
        self.stdout.write(f"restored {backup} into {params['dbname']}: every row count and file checksum matches")
