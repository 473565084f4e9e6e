"""Writes for exports: the log of who took what out of the CRM."""

from collections.abc import Iterable, Iterator

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from customers.models import ExportLog


def export_started(
    *, user: AbstractBaseUser, kind: str, query: str, format: str, columns: str = ""
) -> ExportLog:
    """Note an export as it starts, before a row has left: a download broken off
    halfway has still taken data out, and stays on record (without a row count)."""
    return ExportLog.objects.create(
        user=user if user.is_authenticated else None,
        kind=kind,
        query=query,
        format=format,
        columns=columns,
    )


def export_finished(*, log: ExportLog, rows: int) -> None:
    ExportLog.objects.filter(pk=log.pk).update(row_count=rows, finished_at=timezone.now())


def counted(rows: Iterable[tuple], *, log: ExportLog) -> Iterator[tuple]:
    """`rows` as they are, noting in `log` how many there were once the last has gone
    by. Not if the reading stops early (the download was broken off)."""
    count = 0
    for row in rows:
        count += 1
        yield row
    export_finished(log=log, rows=count)
