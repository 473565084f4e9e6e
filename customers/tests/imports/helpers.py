"""Files built in the tests, and the real worker run once: for the import tests and e2e."""

import csv
import io
import signal

import openpyxl
from django.core.management import call_command

from customers.models import ImportRun


def csv_bytes(rows: list[list[str]], *, delimiter=",", encoding="utf-8", newline="\r\n") -> bytes:
    """A CSV file as a spreadsheet would write it (quoted where needed)."""
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator=newline).writerows(rows)
    return out.getvalue().encode(encoding)


def xlsx_bytes(rows: list[list], *, sheets: dict[str, list[list]] | None = None) -> bytes:
    workbook = openpyxl.Workbook()
    workbook.active.title = "Customers"
    for row in rows:
        workbook.active.append(row)
    for title, sheet_rows in (sheets or {}).items():
        sheet = workbook.create_sheet(title)
        for row in sheet_rows:
            sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def run_worker_once():
    """The worker in batch mode: it runs what is queued, then stops. It takes over
    Ctrl-C and friends while it runs; they are given back to pytest after."""
    names = [signal.SIGINT, signal.SIGTERM, signal.SIGQUIT]
    handlers = {name: signal.getsignal(name) for name in names}
    try:
        call_command("worker", batch=True, reload=False, startup_delay=False, verbosity=0)
    finally:
        for name, handler in handlers.items():
            signal.signal(name, handler)


def finished(run: ImportRun) -> ImportRun:
    """The run as the worker left it: its status and counts are written by another
    connection, so the object in hand is stale until read again."""
    run.refresh_from_db()
    return run
