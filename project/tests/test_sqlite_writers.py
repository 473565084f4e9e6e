"""Several processes writing one SQLite file at once, as gunicorn workers do.

This runs against its own SQLite file whatever database the suite uses, because it
checks the SQLite settings (WAL, IMMEDIATE transactions, busy timeout) themselves.
"""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WORKERS = 4
WRITES_EACH = 40

WRITER = f"""
import os
from customers.core.services import customer_create, customer_update
worker = os.environ["WORKER"]
for i in range({WRITES_EACH}):
    customer = customer_create(name=f"W{{worker}} #{{i}}", email=f"w{{worker}}-{{i}}@example.com")
    customer_update(customer=customer, data={{"company": f"Company {{i}}"}})
"""


def test_concurrent_writers_never_see_database_locked(tmp_path):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'crm.sqlite3'}", "DEBUG": "1"}
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, cwd=ROOT, check=True)

    writers = [
        subprocess.Popen(
            [*manage, "shell", "-c", WRITER],
            env={**env, "WORKER": str(n)},
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(WORKERS)
    ]
    results = [(writer.wait(timeout=120), writer.stderr.read()) for writer in writers]

    for returncode, stderr in results:
        assert "database is locked" not in stderr
        assert returncode == 0, stderr
    with sqlite3.connect(tmp_path / "crm.sqlite3") as db:
        query = "SELECT COUNT(*) FROM customers_customer WHERE company != ''"
        (count,) = db.execute(query).fetchone()
        (journal,) = db.execute("PRAGMA journal_mode").fetchone()
    assert count == WORKERS * WRITES_EACH
    assert journal == "wal"
