"""Restoring a backup into a fresh database and an empty media store, then checking it against its manifest."""

import hashlib
import json
import tarfile
from pathlib import Path, PurePosixPath

from django.core.files.base import ContentFile

from installops.backups import BackupError, postgres
from installops.backups.archive import MANIFEST, sha256_of_file, storage_walk


def manifest_read(source: Path) -> dict:
    try:
        manifest = json.loads((source / MANIFEST).read_text())
    except FileNotFoundError:
        raise BackupError(f"{source} has no {MANIFEST}: not a complete backup") from None
    except json.JSONDecodeError as error:
        raise BackupError(f"{source / MANIFEST} is not readable JSON: {error}") from None
    dump = source / manifest["database"]["dump"]
    if not dump.is_file() or sha256_of_file(dump) != manifest["database"]["dump_sha256"]:
        raise BackupError(f"{dump} is missing or does not match its checksum in the manifest")
    if not (source / manifest["media"]["archive"]).is_file():
        raise BackupError(f"{source / manifest['media']['archive']} is missing")
    return manifest


def _safe_name(name: str) -> str:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not name:
        raise BackupError(f"refusing a file name outside the media store: {name!r}")
    return name


def backup_verify(*, manifest: dict, params: dict, storage) -> list[str]:
    """What differs between the manifest and a database and media store; empty when they match."""
    problems = []
    connection = postgres.connect(params)
    try:
        counts = postgres.table_row_counts(connection)
    finally:
        connection.close()
    expected = manifest["database"]["tables"]
    for table in sorted(set(expected) | set(counts)):
        if expected.get(table) != counts.get(table):
            problems.append(f"table {table}: {counts.get(table)} rows, the manifest says {expected.get(table)}")
    for entry in manifest["media"]["files"]:
        if not storage.exists(entry["name"]):
            problems.append(f"file {entry['name']}: missing")
            continue
        with storage.open(entry["name"], "rb") as handle:
            if hashlib.sha256(handle.read()).hexdigest() != entry["sha256"]:
                problems.append(f"file {entry['name']}: checksum differs")
    return problems


def backup_restore(*, source: Path, params: dict, storage) -> list[str]:
    """Restore into an empty database and an empty media store; returns the verification's problems.

    Nothing is overwritten: a database with tables or a store with files is refused before anything
    is written. The database is restored in one transaction (all or nothing).
    """
    manifest = manifest_read(source)
    connection = postgres.connect(params)
    try:
        major = postgres.server_major(connection)
        if postgres.table_row_counts(connection):
            raise BackupError(f"database {params['dbname']} is not empty: restore into a freshly created one")
    finally:
        connection.close()
    if major < manifest["database"]["server_major"]:
        raise BackupError(f"the dump is from PostgreSQL {manifest['database']['server_major']}, this server is {major}")
    if next(storage_walk(storage), None) is not None:
        raise BackupError("the media store is not empty: restore into an empty directory or bucket")

    pg_restore = postgres.client_tool("pg_restore", major=major)
    postgres.run_tool(
        [
            pg_restore,
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={params['dbname']}",
            str(source / manifest["database"]["dump"]),
        ],
        params=params,
    )
    with tarfile.open(source / manifest["media"]["archive"], "r") as archive:
        for member in archive:
            if not member.isfile():
                continue
            name = _safe_name(member.name)
            handle = archive.extractfile(member)
            content = handle.read() if handle is not None else b""
            saved = storage.save(name, ContentFile(content))
            if saved != name:
                raise BackupError(f"the media store renamed {name} to {saved}")
    return backup_verify(manifest=manifest, params=params, storage=storage)
