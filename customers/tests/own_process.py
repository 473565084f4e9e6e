"""manage.py in a process of its own, against a SQLite file of its own: for what a
process does as it starts (settings read once, migrations, the worker's console)."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

MANAGE = Path(settings.BASE_DIR) / "manage.py"


def manage(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    """`manage.py *args` on the database file in `tmp_path`, with DEBUG on and `env` on
    top of this process's environment. It must succeed."""
    database_url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    return subprocess.run(
        [sys.executable, str(MANAGE), *args],
        env={**os.environ, "DATABASE_URL": database_url, "DEBUG": "1", **env},
        capture_output=True,
        text=True,
        timeout=180,
        check=True,
    )
