"""PostgreSQL's client tools of the server's own major version, and the database's row counts."""

import glob
import os
import re
import shutil
import subprocess
from pathlib import Path

import psycopg2
from psycopg2 import sql

from installops.backups import BackupError

# Debian and Ubuntu keep each major version's tools apart; PG_BINDIR points elsewhere.
CLIENT_DIRS = "/usr/lib/postgresql/*/bin"


def connect(params: dict):
    """A connection of its own (not Django's), for a snapshot or a database other than the app's."""
    return psycopg2.connect(**params)


def server_major(connection) -> int:
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version_num")
        return int(cursor.fetchone()[0]) // 10000


def _tool_major(path: str) -> int | None:
    # Paths found by this module, arguments made here: nothing comes from a request.
    output = subprocess.run([path, "--version"], capture_output=True, text=True, check=False).stdout  # noqa: S603
    match = re.search(r"\(PostgreSQL\) (\d+)", output)
    return int(match.group(1)) if match else None


def client_tool(name: str, *, major: int) -> str:
    """pg_dump or pg_restore of exactly the server's major version (an older one cannot read it)."""
    candidates = []
    if os.environ.get("PG_BINDIR"):
        candidates.append(str(Path(os.environ["PG_BINDIR"]) / name))
    candidates += sorted(glob.glob(f"{CLIENT_DIRS}/{name}"))
    if on_path := shutil.which(name):
        candidates.append(on_path)
    for path in candidates:
        if os.access(path, os.X_OK) and _tool_major(path) == major:
            return path
    raise BackupError(
        f"no {name} for PostgreSQL {major} (looked in PG_BINDIR, {CLIENT_DIRS} and PATH): "
        f"install postgresql-client-{major}"
    )


def libpq_environment(params: dict) -> dict[str, str]:
    """The client tools' connection, through libpq's variables: the password never on a command line."""
    names = {
        "host": "PGHOST",
        "port": "PGPORT",
        "user": "PGUSER",
        "password": "PGPASSWORD",
        "dbname": "PGDATABASE",
        "sslmode": "PGSSLMODE",
    }
    environment = dict(os.environ)
    for key, variable in names.items():
        if params.get(key):
            environment[variable] = str(params[key])
    return environment


def table_row_counts(connection) -> dict[str, int]:
    """Every table of the public schema and its number of rows, as the connection's snapshot sees them."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
        tables = [row[0] for row in cursor.fetchall()]
        counts = {}
        for table in tables:
            cursor.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table)))
            counts[table] = cursor.fetchone()[0]
    return counts


def run_tool(command: list[str], *, params: dict) -> None:
    environment = libpq_environment(params)
    result = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {result.stderr.strip()[-2000:]}")


def params_from_settings(settings_dict: dict) -> dict:
    """libpq connection parameters from a Django DATABASES entry (or a parsed DATABASE_URL)."""
    params = {
        "dbname": settings_dict["NAME"],
        "user": settings_dict.get("USER"),
        "password": settings_dict.get("PASSWORD"),
        "host": settings_dict.get("HOST"),
        "port": settings_dict.get("PORT"),
        # DATABASE_URL's ?sslmode=require reaches Django as an option; the client tools need it too.
        "sslmode": settings_dict.get("OPTIONS", {}).get("sslmode"),
    }
    return {key: value for key, value in params.items() if value not in (None, "")}
