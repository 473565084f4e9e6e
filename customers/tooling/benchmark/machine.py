"""What the figures were measured on: the database, the data and the machine."""

import datetime
import os
import platform
import sqlite3
from pathlib import Path

import django
from django.db import connection


def database() -> str:
    if connection.vendor == "sqlite":
        return f"SQLite {sqlite3.sqlite_version}"
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            return f"PostgreSQL {cursor.fetchone()[0].split()[0]}"
    return connection.display_name


def cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def memory_gb() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 1024**2
    except OSError:
        pass
    return None


def machine() -> str:
    ram = memory_gb()
    return ", ".join(
        filter(
            None,
            [
                cpu(),
                f"{os.cpu_count()} cores",
                f"{ram:.1f} GB RAM" if ram else "",
                f"Python {platform.python_version()}",
                f"Django {django.get_version()}",
                datetime.date.today().isoformat(),
            ],
        )
    )
