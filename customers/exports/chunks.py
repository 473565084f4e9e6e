"""Reading a large result a chunk at a time, so an export's memory stays flat."""

import itertools
from collections.abc import Iterator
from uuid import uuid4

from django.db import connections, transaction
from django.db.models import QuerySet
from django.db.models.query import ValuesListIterable

CHUNK_SIZE = 2_000


def in_chunks(queryset: QuerySet, *, size: int = CHUNK_SIZE) -> Iterator[list[tuple]]:
    """The rows of `queryset` (a values_list(), its annotations named last), `size` at
    a time, read as they are needed: at a million rows, no more than a chunk is held.

    SQLite hands rows over as they are stepped through (`iterator()`). On PostgreSQL our
    settings turn Django's server-side cursors off (DISABLE_SERVER_SIDE_CURSORS, for the
    selects' choices), and without one psycopg reads the whole result into memory: so
    there the rows come from a named cursor of our own, inside a transaction, where it
    streams rather than being materialised first as a WITH HOLD cursor would be.
    """
    query = queryset.query
    if queryset._iterable_class is not ValuesListIterable or tuple(queryset._fields) != (
        *query.values_select,
        *query.annotation_select,
    ):
        # Else the SQL's columns would not come in the order asked for (see below).
        raise TypeError("in_chunks() reads a values_list(), with its annotations last")
    if connections[queryset.db].vendor == "postgresql":
        yield from _named_cursor_chunks(queryset, size=size)
        return
    rows = queryset.iterator(chunk_size=size)
    while chunk := list(itertools.islice(rows, size)):
        yield chunk


def _named_cursor_chunks(queryset: QuerySet, *, size: int) -> Iterator[list[tuple]]:
    # The columns come back in values_list() order (checked above), and go through the
    # converters Django's own iteration applies (a jsonb value comes as text, say).
    compiler = queryset.query.get_compiler(using=queryset.db)
    sql, params = compiler.as_sql()
    converters = compiler.get_converters([s[0] for s in compiler.select[: compiler.col_count]])
    with transaction.atomic(using=queryset.db):
        # What Django's iterator() opens when server-side cursors are on (chunked_cursor):
        # its own cursor class, binding parameters as every other query does, and logged.
        cursor = connections[queryset.db]._cursor(name=f"export_{uuid4().hex}")
        with cursor:
            cursor.execute(sql, params)
            while rows := cursor.fetchmany(size):
                if converters:
                    rows = [tuple(row) for row in compiler.apply_converters(rows, converters)]
                yield rows
