"""A consistent copy of the database while the app runs, and putting one back.

SQLite copies through its online backup API, PostgreSQL through pg_dump: each reads one
snapshot, so writers carry on and the copy holds every committed write up to a moment,
and none after it.
"""

import hashlib
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.apps import apps
from django.db import DEFAULT_DB_ALIAS, connections

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_DUMP_MAGIC = b"PGDMP"


class BackupError(Exception):
    """A backup or restore that cannot go ahead, said so that the operator can act."""


def suffix(using: str = DEFAULT_DB_ALIAS) -> str:
    return ".sqlite3" if connections[using].vendor == "sqlite" else ".dump"


def backup(path: Path, *, using: str = DEFAULT_DB_ALIAS) -> None:
    """Write a consistent copy of the database to `path`."""
    connection = connections[using]
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(path)
        try:
            # In one step (pages=-1): the copy is one snapshot, whatever writes meanwhile.
            connection.connection.backup(target)
        finally:
            target.close()
    elif connection.vendor == "postgresql":
        run_pg("pg_dump", connection, "--format=custom", "--no-owner", f"--file={path}")
    else:
        raise BackupError(f"Backups of {connection.vendor} databases are not supported.")


def restore(path: Path, *, using: str = DEFAULT_DB_ALIAS) -> None:
    """Put the copy at `path` back in place of the database's contents."""
    connection = connections[using]
    check_kind(path, connection.vendor)
    if connection.vendor == "sqlite":
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            if source.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise BackupError(f"{path} is damaged (SQLite's quick_check fails).")
            connection.ensure_connection()
            source.backup(connection.connection)
        finally:
            source.close()
    else:
        connection.close()  # pg_restore drops the tables: hold no lock on them
        run_pg(
            "pg_restore",
            connection,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            str(path),
        )


def check_kind(path: Path, vendor: str) -> None:
    try:
        with open(path, "rb") as file:
            head = file.read(len(SQLITE_MAGIC))
    except OSError as error:
        raise BackupError(f"Cannot read {path}: {error.strerror}.") from None
    if head == SQLITE_MAGIC:
        kind = "sqlite"
    elif head.startswith(PG_DUMP_MAGIC):
        kind = "postgresql"
    else:
        raise BackupError(f"{path} is not a backup made by `manage.py backup`.")
    if kind != vendor:
        raise BackupError(f"{path} is a {kind} backup, and this database is {vendor}.")


def run_pg(program: str, connection, *args: str) -> None:
    if shutil.which(program) is None:
        raise BackupError(
            f"{program} is not installed: apt-get install postgresql-client (the same major "
            "version as the server, or newer)."
        )
    settings = connection.settings_dict
    env = {**os.environ, "PGPASSWORD": str(settings.get("PASSWORD") or "")}
    options = [f"--dbname={settings['NAME']}"]
    if settings.get("HOST"):
        options.append(f"--host={settings['HOST']}")
    if settings.get("PORT"):
        options.append(f"--port={settings['PORT']}")
    if settings.get("USER"):
        options.append(f"--username={settings['USER']}")
    finished = subprocess.run(
        [program, *options, "--no-password", *args], env=env, capture_output=True, text=True
    )
    if finished.returncode != 0:
        raise BackupError(f"{program} failed: {finished.stderr.strip()}")


def fingerprint(*, using: str = DEFAULT_DB_ALIAS) -> dict[str, tuple[int, str]]:
    """Each table's row count and a checksum of its rows in primary-key order: two
    databases with the same fingerprint hold the same data."""
    result = {}
    for model in apps.get_models(include_auto_created=True):
        if not model._meta.managed or model._meta.proxy:
            continue
        digest = hashlib.sha256()
        rows = 0
        fields = [field.attname for field in model._meta.concrete_fields]
        queryset = model._base_manager.using(using).order_by("pk").values_list(*fields)
        for row in queryset.iterator(chunk_size=2_000):
            digest.update(repr(row).encode())
            rows += 1
        result[model._meta.db_table] = (rows, digest.hexdigest())
    return result
