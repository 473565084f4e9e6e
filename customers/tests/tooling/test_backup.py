"""`manage.py backup` and `manage.py restore`, on whichever database the suite runs on."""

import threading
import time

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from customers.core.services import customer_create
from customers.models import Customer
from customers.tooling.backup import fingerprint, suffix


class Writer(threading.Thread):
    """Creates customers "Ledger 1", "Ledger 2"… one transaction each, until stopped;
    `committed` counts those whose transaction has returned."""

    def __init__(self):
        super().__init__(daemon=True)
        self.committed = 0
        self.halt = threading.Event()
        self.error = None

    def run(self):
        try:
            while not self.halt.is_set():
                n = self.committed + 1
                customer_create(name=f"Ledger {n}", email=f"ledger{n}@example.com")
                self.committed = n
        except Exception as error:  # the test asserts there was none
            self.error = error
        finally:
            connection.close()

    def wait_for(self, count: int):
        deadline = time.monotonic() + 30
        while self.committed < count and self.error is None and time.monotonic() < deadline:
            time.sleep(0.01)
        assert self.error is None
        assert self.committed >= count

    def stop(self):
        self.halt.set()
        self.join(30)
        assert self.error is None


def ledger() -> list[int]:
    names = Customer.all_objects.filter(name__startswith="Ledger ").values_list("name", flat=True)
    return sorted(int(name.removeprefix("Ledger ")) for name in names)


@pytest.mark.django_db(transaction=True)
def test_a_backup_taken_under_writes_is_one_moment_and_restores_exactly(tmp_path):
    under_load = tmp_path / f"under-load{suffix()}"
    quiet = tmp_path / f"quiet{suffix()}"
    writer = Writer()
    writer.start()
    writer.wait_for(20)
    before = writer.committed
    call_command("backup", str(under_load), stdout=None)
    after = writer.committed
    writer.wait_for(after + 20)
    writer.stop()
    call_command("backup", str(quiet))
    everything = fingerprint()

    call_command("restore", str(under_load), interactive=False)

    held = ledger()
    # Every write committed before the backup began, none after it ended, and no gap:
    # the copy is the database at one moment.
    assert held == list(range(1, len(held) + 1))
    assert before <= len(held) <= after + 1
    assert len(held) < writer.committed

    call_command("restore", str(quiet), interactive=False)

    assert ledger() == list(range(1, writer.committed + 1))
    assert fingerprint() == everything


@pytest.mark.django_db
def test_a_backup_never_overwrites_a_file(tmp_path):
    existing = tmp_path / f"existing{suffix()}"
    existing.write_text("keep me")

    with pytest.raises(CommandError, match="already exists"):
        call_command("backup", str(existing))

    assert existing.read_text() == "keep me"


@pytest.mark.django_db
def test_restore_refuses_a_file_that_is_not_a_backup_and_changes_nothing(tmp_path, make_customer):
    make_customer(name="Ann Lee")
    stray = tmp_path / "customers.csv"
    stray.write_text("name,email\nBob,bob@example.com\n")

    with pytest.raises(CommandError, match="not a backup made by `manage.py backup`"):
        call_command("restore", str(stray), interactive=False)
    with pytest.raises(CommandError, match="There is no file"):
        call_command("restore", str(tmp_path / "missing"), interactive=False)

    assert list(Customer.objects.values_list("name", flat=True)) == ["Ann Lee"]


@pytest.mark.django_db
def test_restore_refuses_a_backup_of_the_other_kind_of_database(tmp_path):
    other = tmp_path / "other"
    other.write_bytes(b"PGDMP\x01\x0f" if connection.vendor == "sqlite" else b"SQLite format 3\x00")

    with pytest.raises(CommandError, match="backup, and this database is"):
        call_command("restore", str(other), interactive=False)
