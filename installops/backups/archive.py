"""Making a backup: one directory per run, complete only once its manifest is in it."""

import hashlib
import io
import json
import shutil
import tarfile
from collections.abc import Iterator
from pathlib import Path

from django.utils import timezone
from psycopg2.extensions import ISOLATION_LEVEL_REPEATABLE_READ

from installops.backups import BackupError, postgres

MANIFEST = "manifest.json"
DUMP = "database.dump"
MEDIA = "media.tar"
PREFIX = "installops-"


def storage_walk(storage, path: str = "") -> Iterator[str]:
    """Every file name in a Django storage (local disk or a bucket), sorted."""
    try:
        directories, files = storage.listdir(path)
    except FileNotFoundError:  # a MEDIA_ROOT nothing was ever uploaded to
        return
    for name in sorted(files):
        yield f"{path}/{name}" if path else name
    for directory in sorted(directories):
        yield from storage_walk(storage, f"{path}/{directory}" if path else directory)


def sha256_of_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


def _dump_database(*, params: dict, target: Path) -> tuple[int, dict[str, int]]:
    """pg_dump and the row counts from one snapshot, so the counts describe exactly what was dumped."""
    connection = postgres.connect(params)
    try:
        connection.set_session(isolation_level=ISOLATION_LEVEL_REPEATABLE_READ, readonly=True)
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
        major = postgres.server_major(connection)
        counts = postgres.table_row_counts(connection)
        pg_dump = postgres.client_tool("pg_dump", major=major)
        # The snapshot stays valid while this transaction is open: pg_dump sees the same rows.
        postgres.run_tool(
            [pg_dump, "--format=custom", f"--snapshot={snapshot}", f"--file={target}", params["dbname"]],
            params=params,
        )
    finally:
        connection.close()
    return major, counts


def _archive_media(*, storage, target: Path) -> list[dict]:
    files = []
    with tarfile.open(target, "w") as archive:
        for name in storage_walk(storage):
            with storage.open(name, "rb") as handle:
                content = handle.read()
            info = tarfile.TarInfo(name)
            info.size = len(content)
            info.mtime = int(timezone.now().timestamp())
            archive.addfile(info, io.BytesIO(content))
            files.append({"name": name, "size": len(content), "sha256": hashlib.sha256(content).hexdigest()})
    return files


def backup_create(*, to: Path, params: dict, storage) -> Path:
    """Dump the database, then copy every stored file (files are written before their rows, so every
    file the dump refers to is in the copy), then write the manifest. Returns the backup's directory."""
    started = timezone.now()
    name = PREFIX + started.strftime("%Y%m%dT%H%M%SZ")
    final = to / name
    if final.exists():
        raise BackupError(f"{final} already exists")
    work = to / f".{name}.partial"
    # Customer data: readable by the backup's owner only.
    to.mkdir(parents=True, exist_ok=True, mode=0o700)
    work.mkdir(mode=0o700)
    try:
        major, counts = _dump_database(params=params, target=work / DUMP)
        files = _archive_media(storage=storage, target=work / MEDIA)
        manifest = {
            "format": 1,
            "created_at": started.isoformat(),
            "database": {
                "name": params["dbname"],
                "server_major": major,
                "dump": DUMP,
                "dump_sha256": sha256_of_file(work / DUMP),
                "tables": counts,
            },
            "media": {
                "archive": MEDIA,
                "file_count": len(files),
                "total_bytes": sum(entry["size"] for entry in files),
                "files": files,
            },
        }
        (work / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
        work.rename(final)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return final


def backup_list(directory: Path) -> list[Path]:
    """Complete backups in a directory (those with a manifest), oldest first."""
    if not directory.is_dir():
        return []
    return sorted(path for path in directory.glob(PREFIX + "*") if (path / MANIFEST).is_file())


def backup_prune(*, directory: Path, keep: int) -> list[Path]:
    """Delete all but the newest `keep` complete backups; returns what was deleted."""
    if keep < 1:
        raise BackupError("keep at least one backup")
    removed = backup_list(directory)[:-keep]
    for path in removed:
        shutil.rmtree(path)
    return removed
