"""A backup (pg_dump + every job file + a manifest) restores into a fresh database and media directory,
row for row and byte for byte; a damaged backup or a non-empty target is refused before anything is written."""

import contextlib
import hashlib
import io
import json
import uuid
from pathlib import Path
from urllib.parse import quote

import psycopg2
import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection

from installops.backups.archive import backup_list, storage_walk
from installops.backups.postgres import params_from_settings, table_row_counts
from jobs.models import Document
from tests import s3_server
from tests.jobs.factories import JobFactory
from tests.jobs.files import add_document, image_bytes, pdf_bytes
from tests.scheduling.factories import VisitFactory

pytestmark = pytest.mark.django_db(transaction=True)

# The fixtures of the local S3 server (tests/s3_server.py).
s3_endpoint = s3_server.s3_endpoint
bucket = s3_server.bucket


@pytest.fixture
def media(settings, tmp_path) -> Path:
    root = tmp_path / "media"
    settings.MEDIA_ROOT = root
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(root)}},
    }
    return root


@pytest.fixture
def fresh_database():
    """An empty database next to the test database, dropped afterwards; yields its URL and parameters."""
    with created_database() as created:
        yield created


@contextlib.contextmanager
def created_database():
    params = params_from_settings(connection.settings_dict)
    name = f"{params['dbname']}_restore_{uuid.uuid4().hex[:8]}"
    admin = psycopg2.connect(**{**params, "dbname": "postgres"})
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    credentials = quote(params.get("user", "")) + (f":{quote(params['password'])}" if params.get("password") else "")
    url = f"postgres://{credentials}@{params.get('host', 'localhost')}:{params.get('port', 5432)}/{name}"
    yield url, {**params, "dbname": name}
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


def counts_of(params) -> dict[str, int]:
    with psycopg2.connect(**params) as db:
        return table_row_counts(db)


def checksums(root: Path) -> dict[str, str]:
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in root.rglob("*")
        if path.is_file()
    }


def seed_company(coordinator):
    for number in range(3):
        job = JobFactory()
        VisitFactory(job=job)
        add_document(job, "pictures", image_bytes(400 + number, 300), f"unit{number}.jpg", by=coordinator)
    add_document(job, "permit", pdf_bytes("Building permit B-2291", pages=2), "permit.pdf", by=coordinator)


def backup(to: Path, *arguments) -> Path:
    out = io.StringIO()
    call_command("backup", "--to", str(to), *arguments, stdout=out)
    return Path(out.getvalue().strip())


def test_a_backup_restores_every_row_and_file(media, fresh_database, coordinator, tmp_path):
    seed_company(coordinator)
    source_counts = counts_of(params_from_settings(connection.settings_dict))

    path = backup(tmp_path / "backups")

    manifest = json.loads((path / "manifest.json").read_text())
    assert manifest["database"]["tables"] == source_counts
    assert manifest["database"]["tables"]["jobs_job"] == 3
    assert manifest["database"]["tables"]["jobs_document"] == Document.objects.count() == 4
    # Each document has its file; photos their thumbnail too.
    assert manifest["media"]["file_count"] == len(checksums(media)) == 7
    assert {entry["name"]: entry["sha256"] for entry in manifest["media"]["files"]} == checksums(media)

    url, restored_params = fresh_database
    restored_media = tmp_path / "restored-media"
    out = io.StringIO()
    call_command("restore", str(path), "--database-url", url, "--media-root", str(restored_media), stdout=out)

    assert "every row count and file checksum matches" in out.getvalue()
    assert counts_of(restored_params) == source_counts
    assert checksums(restored_media) == checksums(media)
    with psycopg2.connect(**restored_params) as db, db.cursor() as cursor:
        cursor.execute("SELECT file FROM jobs_document ORDER BY id")
        assert {row[0] for row in cursor.fetchall()} <= set(checksums(restored_media))


def test_a_damaged_or_misdirected_restore_is_refused_before_writing(media, fresh_database, coordinator, tmp_path):
    seed_company(coordinator)
    path = backup(tmp_path / "backups")
    url, restored_params = fresh_database

    # Into the database the backup came from (not empty): refused.
    source_url = url.rsplit("/", 1)[0] + "/" + connection.settings_dict["NAME"]
    with pytest.raises(CommandError, match="is not empty: restore into a freshly created one"):
        call_command("restore", str(path), "--database-url", source_url, "--media-root", str(tmp_path / "m1"))

    # Into a media directory that already holds files: refused, the database left untouched.
    with pytest.raises(CommandError, match="the media store is not empty"):
        call_command("restore", str(path), "--database-url", url, "--media-root", str(media))
    assert counts_of(restored_params) == {}

    # A dump changed after the backup: refused on its checksum.
    dump = path / "database.dump"
    data = bytearray(dump.read_bytes())
    data[len(data) // 2] ^= 0xFF
    dump.write_bytes(bytes(data))
    with pytest.raises(CommandError, match="does not match its checksum"):
        call_command("restore", str(path), "--database-url", url, "--media-root", str(tmp_path / "m2"))
    assert counts_of(restored_params) == {}
    assert not (tmp_path / "m2").exists()


def test_keep_prunes_the_oldest_backups(media, tmp_path, company_clock):
    company_clock("2026-11-27 02:00", tick=True)
    first = backup(tmp_path / "backups")
    company_clock.shift(days=1)
    second = backup(tmp_path / "backups")
    company_clock.shift(days=1)
    third = backup(tmp_path / "backups", "--keep", "2")
    assert backup_list(tmp_path / "backups") == [second, third]
    assert not first.exists()
    assert third.name.startswith("installops-20261129T")


def test_files_in_a_bucket_are_backed_up_and_restored_into_a_directory(bucket, fresh_database, coordinator, tmp_path):
    seed_company(coordinator)
    in_bucket = {
        name: hashlib.sha256(s3_server.stored_bytes(bucket, name)).hexdigest() for name in storage_walk(default_storage)
    }
    assert len(in_bucket) == 7

    path = backup(tmp_path / "backups")

    manifest = json.loads((path / "manifest.json").read_text())
    assert {entry["name"]: entry["sha256"] for entry in manifest["media"]["files"]} == in_bucket
    url, restored_params = fresh_database
    restored_media = tmp_path / "restored-media"
    call_command("restore", str(path), "--database-url", url, "--media-root", str(restored_media), stdout=io.StringIO())
    assert checksums(restored_media) == in_bucket
    assert counts_of(restored_params)["jobs_document"] == 4

    # And back into an empty bucket (the configured storage when no --media-root is given).
    for name in in_bucket:
        default_storage.delete(name)
    with created_database() as (second_url, _):
        call_command("restore", str(path), "--database-url", second_url, stdout=io.StringIO())
    assert {name: hashlib.sha256(s3_server.stored_bytes(bucket, name)).hexdigest() for name in in_bucket} == in_bucket
