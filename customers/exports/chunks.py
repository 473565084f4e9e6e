"""Reading a large result a chunk at a time, so an export's memory stays flat."""

import itertools
from collections.abc import Iterator
from uuid import uuid4

from django.db import connections, transaction
from django.db.models import QuerySet
from django.db.models.query import ValuesListIterable

CHUNK_SIZE = 2_000


def in_chunks(queryset: QuerySet, *, size: int = CHUNK_SIZE) -> Iterator[list[tuple]]:
    """The rows of `queryset` (a values_list() of model fields, no annotations), `size`
    at a time, read as they are needed: at a million rows, no more than a chunk is held.

    SQLite hands rows over as they are stepped through (`iterator()`). On PostgreSQL our
    settings turn Django's server-side cursors off (DISABLE_SERVER_SIDE_CURSORS, for the
    selects' choices), and without one psycopg reads the whole result into memory: so
    there the rows come from a named cursor of our own, inside a transaction, where it
    streams rather than being materialised first as a WITH HOLD cursor would be.
    """
    if queryset._iterable_class is not ValuesListIterable or queryset.query.annotation_select:
        raise TypeError("in_chunks() reads a values_list() of model fields")
    if connections[queryset.db].vendor == "postgresql":
        yield from _named_cursor_chunks(queryset, size=size)
        return
    rows = queryset.iterator(chunk_size=size)
    while chunk := list(itertools.islice(rows, size)):
        yield chunk


def _named_cursor_chunks(queryset: QuerySet, *, size: int) -> Iterator[list[tuple]]:
    # The columns come back in values_list() order; psycopg already gives Python types
    # (aware datetimes, Decimals) for the fields we read, so no converters are needed.
    sql, params = queryset.query.get_compiler(using=queryset.db).as_sql()
    with transaction.atomic(using=queryset.db):
        connection = connections[queryset.db]
        connection.ensure_connection()
        with connection.connection.cursor(name=f"export_{uuid4().hex}") as cursor:
            cursor.itersize = size
            cursor.execute(sql, params)
            while rows := cursor.fetchmany(size):
                yield rows
